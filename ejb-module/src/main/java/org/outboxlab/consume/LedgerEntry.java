package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A revenue ledger posting for an order event: revenue on payment, a reversal on a paid cancel, else zero. */
@Entity
@Table(name = "ledger_entry", indexes = {
        @Index(name = "ix_ledger_order", columnList = "order_id")},
        // One effect per event, whatever else fails: the database refuses a second.
        uniqueConstraints = @UniqueConstraint(name = "uk_ledger_event", columnNames = "event_id"))
public class LedgerEntry extends AppliedEffect {

    @Column(name = "amount_cents", nullable = false)
    private long amountCents;

    protected LedgerEntry() {
    }

    public LedgerEntry(ReceivedEvent event, long amountCents) {
        super(event);
        this.amountCents = amountCents;
    }

    public long getAmountCents() {
        return amountCents;
    }
}
