package org.outboxlab.outbox;

import java.time.Instant;

/**
 * What the relay needs of an outbox row to publish it, read as plain values: no managed entity, so
 * a claimed batch costs the persistence context neither snapshots nor a dirty check.
 *
 * @param partition the relay partition stored with the row, whose lease the publishing node holds
 */
public record PendingEvent(
        String eventId,
        String aggregateType,
        String aggregateId,
        String eventType,
        int sequence,
        int schemaVersion,
        Instant occurredAt,
        String payload,
        String traceParent,
        String writeMode,
        int partition) {

    /**
     * Name of the result-set mapping (declared on {@link OutboxEvent}) that reads these columns.
     */
    public static final String MAPPING = "PendingEvent";

    /** The columns {@link #MAPPING} reads, in its order. */
    public static final String COLUMNS =
            "event_id, aggregate_type, aggregate_id, event_type, sequence_no, schema_version, "
                    + "occurred_at, payload, trace_parent, write_mode, partition_no";

    /** The same values, taken from an entity (the write path's direct sends). */
    public static PendingEvent of(OutboxEvent e) {
        return new PendingEvent(
                e.getEventId(),
                e.getAggregateType(),
                e.getAggregateId(),
                e.getEventType(),
                e.getSequence(),
                e.getSchemaVersion(),
                e.getOccurredAt(),
                e.getPayload(),
                e.getTraceParent(),
                e.getWriteMode().name(),
                e.getPartition());
    }
}
