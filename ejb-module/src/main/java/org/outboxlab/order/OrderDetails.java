package org.outboxlab.order;

import java.time.Instant;
import java.util.List;

/** An order as the API shows it: its lines, its events, and each consumer's effect. */
public record OrderDetails(
        String id,
        String customerId,
        String status,
        String mode,
        long totalCents,
        Instant createdAt,
        Instant updatedAt,
        List<Line> lines,
        List<Event> events,
        List<Effect> effects) {

    /** One ordered product. */
    public record Line(String sku, int quantity, long unitPriceCents) {}

    /** One event of the order, where it stands, and each consumer's effect for it. */
    public record Event(
            String eventId,
            String eventType,
            int sequence,
            String status,
            int attempts,
            String lastError,
            Instant occurredAt,
            Instant publishedAt,
            List<Effect> effects) {}

    /**
     * A consumer's effect: for an event, whether it was applied; for the order, whether every event
     * so far was applied, and when the latest was.
     */
    public record Effect(String consumer, boolean applied, Instant appliedAt, int eventsApplied) {}
}
