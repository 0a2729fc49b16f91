package org.outboxlab.order;

import java.time.Instant;

/**
 * One effect a consumer applied for an order.
 *
 * @param eventId the event that caused it
 * @param appliedAt when the consumer committed it
 */
public record DownstreamEffect(String eventId, Instant appliedAt) {}
