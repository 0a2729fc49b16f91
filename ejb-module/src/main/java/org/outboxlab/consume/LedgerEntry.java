package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A revenue ledger posting for an order event: revenue on payment, a reversal on a paid cancel, else zero. */
@Entity
@Table(name = "ledger_entry", indexes = {
        @Index(name = "ix_ledger_order", columnList = "order_id"),
        @Index(name = "ix_ledger_event", columnList = "event_id")})
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
