package org.outboxlab.order;

import java.util.Set;
import org.outboxlab.contract.EventTypes;

/**
 * An order's lifecycle; each transition emits one event with the next per-order sequence number.
 */
public enum OrderStatus {
    PLACED(EventTypes.ORDER_PLACED),
    PAID(EventTypes.ORDER_PAID),
    SHIPPED(EventTypes.ORDER_SHIPPED),
    CANCELLED(EventTypes.ORDER_CANCELLED);

    private final String eventType;

    OrderStatus(String eventType) {
        this.eventType = eventType;
    }

    /** The type of the event that records entering this status. */
    public String eventType() {
        return eventType;
    }

    /** Whether an order in this status may move to {@code next}. */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PLACED -> Set.of(PAID, CANCELLED).contains(next);
            case PAID -> Set.of(SHIPPED, CANCELLED).contains(next);
            case SHIPPED, CANCELLED -> false;
        };
    }
}
