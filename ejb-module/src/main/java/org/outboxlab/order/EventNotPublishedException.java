package org.outboxlab.order;

import jakarta.ejb.ApplicationException;

/**
 * NAIVE mode only: the order committed but sending its event failed, so the event is lost. This is
 * the dual-write problem the other modes exist to prevent.
 */
@ApplicationException
public class EventNotPublishedException extends RuntimeException {

    private final String orderId;
    private final String eventId;

    public EventNotPublishedException(String orderId, String eventId, Throwable cause) {
        super(
                "order "
                        + orderId
                        + " committed but its event "
                        + eventId
                        + " was not published: "
                        + cause.getMessage(),
                cause);
        this.orderId = orderId;
        this.eventId = eventId;
    }

    public String orderId() {
        return orderId;
    }

    public String eventId() {
        return eventId;
    }
}
