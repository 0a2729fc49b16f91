package org.outboxlab.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A bulk dead-letter action selects by event type with a JMS selector built from what the caller
 * gave: only an event type's name gets in, so nothing the caller types can widen the selector.
 */
class DeadLetterSelectorTest {

    @Test
    void anEventTypeSelectsThatTypeAndNoneSelectsAll() {
        assertEquals("eventType = 'OrderPlaced'", DeadLetterQueues.selector("OrderPlaced"));
        assertNull(DeadLetterQueues.selector(null));
    }

    @Test
    void anythingButAnEventTypesNameIsRefused() {
        for (String bad :
                new String[] {"x' or '1'='1", "", "1Order", "Order Placed", "a".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> DeadLetterQueues.selector(bad), bad);
        }
    }
}
