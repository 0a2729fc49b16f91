package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.outboxlab.contract.EventIds;

/**
 * What a consumer did for one event, with the event id and when it was applied. Effects carry no
 * uniqueness of their own: the inbox prevents duplicates, so an audit that finds two effects for
 * one event has found a real idempotency failure.
 */
@MappedSuperclass
public abstract class AppliedEffect {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(name = "order_id", nullable = false, length = 36)
    private String orderId;

    @Column(name = "event_type", nullable = false, length = 40)
    private String eventType;

    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    /**
     * Always true: {@link EventReceiver} applies an order's events only in sequence, holding early
     * ones, so this records nothing. Kept because dropping the column needs a schema migration;
     * nothing may read it: order is judged from {@code applied_at} and {@code id}.
     */
    @Column(name = "in_order", nullable = false)
    private boolean inOrder;

    @Column(name = "applied_at", nullable = false)
    private Instant appliedAt;

    /**
     * The write mode that produced the event, from its envelope: lets an audit attribute a phantom.
     */
    @Column(name = "write_mode", length = 10)
    private String writeMode;

    protected AppliedEffect() {}

    protected AppliedEffect(ReceivedEvent event) {
        this.id = EventIds.next();
        this.eventId = event.eventId();
        this.orderId = event.aggregateId();
        this.eventType = event.eventType();
        this.sequence = event.sequence();
        this.appliedAt = Instant.now();
        this.writeMode = event.writeMode();
        this.inOrder = true;
    }

    public String getId() {
        return id;
    }

    public String getEventId() {
        return eventId;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getEventType() {
        return eventType;
    }

    public int getSequence() {
        return sequence;
    }

    public Instant getAppliedAt() {
        return appliedAt;
    }

    public String getWriteMode() {
        return writeMode;
    }
}
