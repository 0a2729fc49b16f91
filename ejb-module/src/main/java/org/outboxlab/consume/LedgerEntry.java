package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.outboxlab.contract.EventTypes;

/**
 * A revenue ledger posting for an order event: revenue on payment, a reversal on a paid cancel,
 * else zero.
 */
@Entity
@Table(
        name = "ledger_entry",
        indexes = {@Index(name = "ix_ledger_order", columnList = "order_id")},
        // One effect per event, whatever else fails: the database refuses a second.
        uniqueConstraints = @UniqueConstraint(name = "uk_ledger_event", columnNames = "event_id"))
public class LedgerEntry extends AppliedEffect {

    @Column(name = "amount_cents", nullable = false)
    private long amountCents;

    protected LedgerEntry() {}

    public LedgerEntry(ReceivedEvent event, long amountCents) {
        super(event);
        this.amountCents = amountCents;
    }

    /**
     * The posting for {@code event}: the order's total on payment, its reversal on the cancel of a
     * paid order (revenue booked so far read through {@code em}, in the receiving transaction),
     * else zero.
     */
    static LedgerEntry of(ReceivedEvent event, EntityManager em) {
        long total = event.payload().getJsonNumber("totalCents").longValue();
        long amount =
                switch (event.eventType()) {
                    case EventTypes.ORDER_PAID -> total;
                    case EventTypes.ORDER_CANCELLED ->
                            bookedFor(event.aggregateId(), em) > 0 ? -total : 0;
                    default -> 0;
                };
        return new LedgerEntry(event, amount);
    }

    private static long bookedFor(String orderId, EntityManager em) {
        Long booked =
                em.createQuery(
                                "select sum(l.amountCents) from LedgerEntry l where l.orderId = :orderId",
                                Long.class)
                        .setParameter("orderId", orderId)
                        .getSingleResult();
        return booked == null ? 0 : booked;
    }

    public long getAmountCents() {
        return amountCents;
    }
}
