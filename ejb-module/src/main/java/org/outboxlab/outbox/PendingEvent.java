package org.outboxlab.outbox;

import java.time.Instant;

/**
 * What the relay needs of an outbox row to publish it, read as plain values: no managed entity, so
 * a claimed batch costs the persistence context neither snapshots nor a dirty check.
 *
 * @param payload the business payload; {@code null} when read with a stored {@code body}, which
 *     holds it
 * @param partition the relay partition stored with the row, whose lease the publishing node holds
 * @param body the message body stored with the row at write time ({@link EventEnvelope}), sent as
 *     it is; {@code null} for a row written without one, whose body is built at publish
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
        int partition,
        String body) {

    /**
     * Name of the result-set mapping (declared on {@link OutboxEvent}) that reads these columns.
     */
    public static final String MAPPING = "PendingEvent";

    /**
     * The columns {@link #MAPPING} reads, in its order, from a table aliased {@code e}: the payload
     * only where no body is stored (a stored body holds it).
     */
    public static final String COLUMNS =
            "e.event_id, e.aggregate_type, e.aggregate_id, e.event_type, e.sequence_no, "
                    + "e.schema_version, e.occurred_at, "
                    + "case when e.message_body is null then e.payload end as payload, "
                    + "e.trace_parent, e.write_mode, e.partition_no, e.message_body";

    /** A row without a stored body (written before bodies were stored, or planted by a test). */
    public PendingEvent(
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
        this(
                eventId,
                aggregateType,
                aggregateId,
                eventType,
                sequence,
                schemaVersion,
                occurredAt,
                payload,
                traceParent,
                writeMode,
                partition,
                null);
    }

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
                e.getPartition(),
                e.getMessageBody());
    }
}
