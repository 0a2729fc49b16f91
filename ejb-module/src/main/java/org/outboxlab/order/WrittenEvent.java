package org.outboxlab.order;

/** The outcome of a committed write: the order, the event it produced and the mode that wrote it. */
public record WrittenEvent(String orderId, String eventId, String eventType, int sequence, WriteMode mode) {
}
