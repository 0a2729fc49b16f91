package org.outboxlab.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.Instant;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.Partitions;
import org.outboxlab.contract.WriteMode;

/**
 * An event the business committed, in the same transaction as the change it describes. In OUTBOX
 * mode the row is the outbox entry the relay publishes; in XA and NAIVE mode it is the record of
 * what the write path sent itself. The payload is JSON, never serialized Java.
 */
@Entity
@SqlResultSetMapping(
        name = PendingEvent.MAPPING,
        classes =
                @ConstructorResult(
                        targetClass = PendingEvent.class,
                        columns = {
                            @ColumnResult(name = "event_id", type = String.class),
                            @ColumnResult(name = "aggregate_type", type = String.class),
                            @ColumnResult(name = "aggregate_id", type = String.class),
                            @ColumnResult(name = "event_type", type = String.class),
                            @ColumnResult(name = "sequence_no", type = Integer.class),
                            @ColumnResult(name = "schema_version", type = Integer.class),
                            @ColumnResult(name = "occurred_at", type = Instant.class),
                            @ColumnResult(name = "payload", type = String.class),
                            @ColumnResult(name = "trace_parent", type = String.class),
                            @ColumnResult(name = "write_mode", type = String.class),
                            @ColumnResult(name = "partition_no", type = Integer.class),
                            @ColumnResult(name = "message_body", type = String.class)
                        }))
@Table(
        name = "outbox_event",
        indexes = {
            @Index(name = "ix_outbox_status_id", columnList = "status, event_id"),
            @Index(name = "ix_outbox_aggregate", columnList = "aggregate_id, sequence_no")
        })
public class OutboxEvent {

    public static final int SCHEMA_VERSION = 1;

    @Id
    @Column(name = "event_id", length = 36)
    private String eventId;

    @Column(name = "aggregate_type", nullable = false, length = 40)
    private String aggregateType;

    @Column(name = "aggregate_id", nullable = false, length = 36)
    private String aggregateId;

    @Column(name = "event_type", nullable = false, length = 40)
    private String eventType;

    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    /**
     * The relay partition of the order ({@link Partitions#of}); the node that holds its lease
     * publishes it. A row written before partitions existed gets 0.
     */
    @Column(name = "partition_no", nullable = false, columnDefinition = "integer default 0")
    private int partition;

    @Column(name = "schema_version", nullable = false)
    private int schemaVersion;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "payload", nullable = false, length = 16000)
    private String payload;

    /**
     * The message body, built once as the row is written ({@link EventEnvelope}) and sent as it is
     * by the relay; {@code null} on a row written before bodies were stored.
     */
    @Column(name = "message_body", length = 20000)
    private String messageBody;

    @Column(name = "trace_parent", length = 55)
    private String traceParent;

    @Enumerated(EnumType.STRING)
    @Column(name = "write_mode", nullable = false, length = 10)
    private WriteMode writeMode;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 10)
    private OutboxStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "published_at")
    private Instant publishedAt;

    /** The node whose relay published the row (OUTBOX mode). */
    @Column(name = "published_by", length = 64)
    private String publishedBy;

    protected OutboxEvent() {}

    public OutboxEvent(
            String aggregateType,
            String aggregateId,
            String eventType,
            int sequence,
            String payload,
            String traceParent,
            WriteMode writeMode) {
        // a CDC event is published from the order row's change: its id is derived from the row, as
        // the log reader derives it (an event row holds it in no other mode's way)
        this.eventId =
                writeMode.readsChangeLog()
                        ? EventIds.ofChange(aggregateId, sequence)
                        : EventIds.next();
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.eventType = eventType;
        this.sequence = sequence;
        this.partition = Partitions.of(aggregateId);
        this.schemaVersion = SCHEMA_VERSION;
        this.occurredAt = Instant.now();
        this.payload = payload;
        this.traceParent = traceParent;
        this.writeMode = writeMode;
        this.status = writeMode.leavesRowForRelay() ? OutboxStatus.PENDING : OutboxStatus.DIRECT;
        this.messageBody = EventEnvelope.of(PendingEvent.of(this));
    }

    /** Records that the broker committed this event. */
    public void markPublished(Instant at) {
        status = OutboxStatus.PUBLISHED;
        publishedAt = at;
        lastError = null;
    }

    /**
     * Records a failure that no retry can cure (the row cannot become a message): the row is FAILED
     * at once.
     */
    public void markFailed(String error) {
        attempts++;
        lastError = truncate(error);
        status = OutboxStatus.FAILED;
    }

    /** Records a failure specific to this row; after {@code maxAttempts} the row is FAILED. */
    public void recordFailure(String error, int maxAttempts) {
        attempts++;
        lastError = truncate(error);
        if (attempts >= maxAttempts) {
            status = OutboxStatus.FAILED;
        }
    }

    private static String truncate(String error) {
        return error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    }

    public String getEventId() {
        return eventId;
    }

    public String getAggregateType() {
        return aggregateType;
    }

    public String getAggregateId() {
        return aggregateId;
    }

    public String getEventType() {
        return eventType;
    }

    public int getPartition() {
        return partition;
    }

    public int getSequence() {
        return sequence;
    }

    public int getSchemaVersion() {
        return schemaVersion;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getPayload() {
        return payload;
    }

    public String getMessageBody() {
        return messageBody;
    }

    public String getTraceParent() {
        return traceParent;
    }

    public WriteMode getWriteMode() {
        return writeMode;
    }

    public OutboxStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public String getPublishedBy() {
        return publishedBy;
    }
}
