package org.outboxlab.outbox;

import java.time.Instant;

/**
 * What an operator looks for in the outbox; every part is optional ({@code null} or blank matches
 * all). {@code from} is inclusive, {@code to} exclusive, both on the time the event occurred.
 */
public record OutboxFilter(
        OutboxStatus status, String orderId, String eventType, Instant from, Instant to) {

    public static OutboxFilter all() {
        return new OutboxFilter(null, null, null, null, null);
    }
}
