package org.outboxlab.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.WriteMode;

class OrderStatusTest {

    @Test
    void lifecycleAllowsOnlyForwardMoves() {
        assertTrue(OrderStatus.PLACED.canMoveTo(OrderStatus.PAID));
        assertTrue(OrderStatus.PLACED.canMoveTo(OrderStatus.CANCELLED));
        assertTrue(OrderStatus.PAID.canMoveTo(OrderStatus.SHIPPED));
        assertTrue(OrderStatus.PAID.canMoveTo(OrderStatus.CANCELLED));
        assertFalse(OrderStatus.PLACED.canMoveTo(OrderStatus.SHIPPED));
        assertFalse(OrderStatus.PAID.canMoveTo(OrderStatus.PAID));
        for (OrderStatus next : OrderStatus.values()) {
            assertFalse(OrderStatus.SHIPPED.canMoveTo(next));
            assertFalse(OrderStatus.CANCELLED.canMoveTo(next));
        }
    }

    @Test
    void eachMoveTakesTheNextSequenceNumber() {
        CustomerOrder order =
                new CustomerOrder("c", WriteMode.OUTBOX, List.of(new OrderLine("BOOK-1", 2, 450)));
        assertEquals(1, order.getLastSequence());
        assertEquals(900, order.getTotalCents());
        assertEquals(2, order.moveTo(OrderStatus.PAID));
        assertEquals(3, order.moveTo(OrderStatus.SHIPPED));
        assertThrows(IllegalTransitionException.class, () -> order.moveTo(OrderStatus.CANCELLED));
        assertEquals(3, order.getLastSequence(), "a refused move takes no number");
    }
}
