package org.outboxlab.order;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.WriteMode;

/**
 * An order and its lifecycle. Every status change increments {@link #getLastSequence()}, so the
 * events of one order carry a gap-free sequence 1, 2, 3... that consumers can check.
 */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "customer_id", nullable = false, length = 64)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 10)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "write_mode", nullable = false, length = 10)
    private WriteMode writeMode;

    @Column(name = "total_cents", nullable = false)
    private long totalCents;

    @Column(name = "last_sequence", nullable = false)
    private int lastSequence;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    protected CustomerOrder() {}

    public CustomerOrder(String customerId, WriteMode writeMode, List<OrderLine> lines) {
        this.id = EventIds.next();
        this.customerId = customerId;
        this.writeMode = writeMode;
        this.status = OrderStatus.PLACED;
        this.lines = new ArrayList<>(lines);
        this.totalCents =
                lines.stream().mapToLong(l -> l.getUnitPriceCents() * l.getQuantity()).sum();
        this.lastSequence = 1;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /**
     * Moves the order to {@code next} and returns the sequence number of the event that records it.
     */
    public int moveTo(OrderStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(id, status, next);
        }
        status = next;
        updatedAt = Instant.now();
        return ++lastSequence;
    }

    public String getId() {
        return id;
    }

    public String getCustomerId() {
        return customerId;
    }

    public OrderStatus getStatus() {
        return status;
    }

    public WriteMode getWriteMode() {
        return writeMode;
    }

    public long getTotalCents() {
        return totalCents;
    }

    public int getLastSequence() {
        return lastSequence;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<OrderLine> getLines() {
        return List.copyOf(lines);
    }
}
