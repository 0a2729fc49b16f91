package org.outboxlab.contract;

/**
 * The order events' type names, as they are stored in the outbox and travel on the wire. An order's
 * last event is {@link #ORDER_SHIPPED} or {@link #ORDER_CANCELLED}: nothing follows either.
 */
public final class EventTypes {

    public static final String ORDER_PLACED = "OrderPlaced";
    public static final String ORDER_PAID = "OrderPaid";
    public static final String ORDER_SHIPPED = "OrderShipped";
    public static final String ORDER_CANCELLED = "OrderCancelled";

    private EventTypes() {}

    /** Whether no event of the same order can follow an event of {@code type}. */
    public static boolean endsItsOrder(String type) {
        return ORDER_SHIPPED.equals(type) || ORDER_CANCELLED.equals(type);
    }
}
