package org.outboxlab.ops;

import java.time.Instant;

/**
 * A message waiting in a consumer's dead-letter queue: its broker id, the event it carries (from
 * its headers; {@code null} for a message that is not an order event), when it was first sent, and
 * its body.
 */
public record DeadLetter(
        String messageId,
        String eventId,
        String eventType,
        String orderId,
        Instant sentAt,
        String body) {}
