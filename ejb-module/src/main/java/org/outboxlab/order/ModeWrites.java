package org.outboxlab.order;

import java.util.Set;
import org.outboxlab.contract.WriteMode.Publication;
import org.outboxlab.outbox.OutboxEvent;

/**
 * How the modes of some {@link Publication}s write an order and let its event leave: placing and
 * advancing each commit the order's rows with its event, or refuse and write nothing, as the mode
 * promises. {@link OrderService} picks the one that serves the mode's publication; every
 * publication has exactly one.
 */
public interface ModeWrites {

    /** The publications whose modes this writes for. */
    Set<Publication> publications();

    /** Places {@code command} (its mode set) and returns the event it recorded. */
    OutboxEvent place(PlaceOrder command);

    /** Moves the order to {@code next} and returns the event that records it. */
    OutboxEvent advance(String orderId, OrderStatus next, String traceParent);
}
