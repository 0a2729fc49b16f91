package org.outboxlab.consume;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import org.outboxlab.contract.ConsumerName;

/**
 * An event a consumer received before the previous event of the same order: kept, in the same
 * transaction as its inbox entry, until the predecessor is applied, then applied in sequence.
 * Broker redelivery with a delay can overtake an order's earlier event with a later one; this is
 * what keeps each consumer's effects in the order's sequence anyway.
 */
@Entity
@Table(
        name = "held_event",
        indexes = @Index(name = "ix_held_order", columnList = "consumer, order_id, sequence_no"))
public class HeldEvent {

    private static final JsonProvider JSON = JsonProvider.provider();

    @EmbeddedId private InboxKey key;

    @Column(name = "order_id", nullable = false, length = 36)
    private String orderId;

    @Column(name = "event_type", nullable = false, length = 40)
    private String eventType;

    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "write_mode", length = 10)
    private String writeMode;

    @Column(name = "payload", nullable = false, length = 16000)
    private String payload;

    @Column(name = "held_at", nullable = false)
    private Instant heldAt;

    protected HeldEvent() {}

    HeldEvent(ConsumerName consumer, ReceivedEvent event, Instant heldAt) {
        this.key = new InboxKey(consumer.id(), event.eventId());
        this.orderId = event.aggregateId();
        this.eventType = event.eventType();
        this.sequence = event.sequence();
        this.occurredAt = event.occurredAt();
        this.writeMode = event.writeMode();
        this.payload = event.payload().toString();
        this.heldAt = heldAt;
    }

    /** The event as it was received. */
    ReceivedEvent event() {
        JsonObject json = JSON.createReader(new StringReader(payload)).readObject();
        return new ReceivedEvent(
                key.getEventId(), orderId, eventType, sequence, occurredAt, writeMode, json);
    }

    public String getOrderId() {
        return orderId;
    }

    public int getSequence() {
        return sequence;
    }

    public Instant getHeldAt() {
        return heldAt;
    }
}
