package org.outboxlab.order;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.OutboxWritten;

/**
 * Writes orders in one local (non-XA) transaction on the outbox datasource. When the mode leaves
 * the event row for the relay (OUTBOX) the relay is nudged once the transaction has committed; in
 * NAIVE mode the caller sends the event itself after this transaction returns.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OrderTransactions {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject Event<OutboxWritten> outboxWritten;

    public OutboxEvent place(PlaceOrder command, WriteMode mode) {
        OutboxEvent event = new OrderBook(em).place(command, mode);
        nudgeAfterCommit(event);
        return event;
    }

    public OutboxEvent advance(String orderId, OrderStatus next, String traceParent) {
        OutboxEvent event = new OrderBook(em).advance(orderId, next, traceParent);
        nudgeAfterCommit(event);
        return event;
    }

    /**
     * The earlier answer to {@code command}'s idempotency key, if any; fails if the key came with
     * other content.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<WrittenEvent> answered(PlaceOrder command, WriteMode mode) {
        return new OrderBook(em).answered(command, mode);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public WriteMode modeOf(String orderId) {
        return new OrderBook(em).modeOf(orderId);
    }

    private void nudgeAfterCommit(OutboxEvent event) {
        if (event != null && event.getWriteMode().leavesRowForRelay()) {
            outboxWritten.fire(new OutboxWritten(event.getEventId(), event.getPartition()));
        }
    }
}
