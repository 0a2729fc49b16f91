package org.outboxlab.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.outboxlab.contract.WriteMode;

/**
 * A client's {@code Idempotency-Key} with the request it came with (a hash) and the answer it got,
 * written in the same transaction as the order, so a key exists exactly when its order does.
 */
@Entity
@Table(
        name = "idempotency_key",
        indexes = @Index(name = "ix_idempotency_created", columnList = "created_at"))
public class IdempotencyKey {

    /** Longest key accepted. */
    public static final int MAX_LENGTH = 200;

    @Id
    @Column(name = "key_value", length = MAX_LENGTH)
    private String keyValue;

    @Column(name = "request_hash", length = 64, nullable = false)
    private String requestHash;

    @Column(name = "order_id", length = 36, nullable = false)
    private String orderId;

    @Column(name = "event_id", length = 36)
    private String eventId;

    @Column(name = "event_type", length = 64, nullable = false)
    private String eventType;

    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "write_mode", length = 16, nullable = false)
    private WriteMode mode;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyKey() {}

    IdempotencyKey(String key, String requestHash, WrittenEvent answer, Instant createdAt) {
        this.keyValue = key;
        this.requestHash = requestHash;
        this.orderId = answer.orderId();
        this.eventId = answer.eventId();
        this.eventType = answer.eventType();
        this.sequence = answer.sequence();
        this.mode = answer.mode();
        this.createdAt = createdAt;
    }

    String getRequestHash() {
        return requestHash;
    }

    /** The answer the first request with this key got. */
    WrittenEvent answer() {
        return new WrittenEvent(orderId, eventId, eventType, sequence, mode);
    }
}
