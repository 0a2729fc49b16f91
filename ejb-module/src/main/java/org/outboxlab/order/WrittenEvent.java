package org.outboxlab.order;

import org.outboxlab.contract.WriteMode;
import org.outboxlab.outbox.OutboxEvent;

/**
 * The outcome of a committed write: the order, the event it produced and the mode that wrote it.
 */
public record WrittenEvent(
        String orderId, String eventId, String eventType, int sequence, WriteMode mode) {

    /** The outcome of writing {@code event}; no event id for a mode that records no event. */
    static WrittenEvent of(OutboxEvent event) {
        return new WrittenEvent(
                event.getAggregateId(),
                event.getWriteMode().recordsEvent() ? event.getEventId() : null,
                event.getEventType(),
                event.getSequence(),
                event.getWriteMode());
    }
}
