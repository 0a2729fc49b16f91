package org.outboxlab.consume;

import jakarta.persistence.EntityManager;
import org.outboxlab.contract.ConsumerName;

/**
 * What each consumer writes for an event it applies: one entity per event, in the receiving
 * transaction.
 */
public final class Effects {

    private Effects() {}

    /**
     * The entity {@code consumer} writes for each event it applies (its table is {@link
     * ConsumerName#effectTable()}).
     */
    public static Class<? extends AppliedEffect> typeOf(ConsumerName consumer) {
        return switch (consumer) {
            case FULFILMENT -> FulfilmentStep.class;
            case NOTIFICATION -> CustomerNotification.class;
            case LEDGER -> LedgerEntry.class;
        };
    }

    /**
     * {@code consumer}'s effect of {@code event}, to persist in the receiving transaction ({@code
     * em} reads in it).
     */
    static AppliedEffect of(ConsumerName consumer, ReceivedEvent event, EntityManager em) {
        return switch (consumer) {
            case FULFILMENT -> new FulfilmentStep(event);
            case NOTIFICATION -> new CustomerNotification(event);
            case LEDGER -> LedgerEntry.of(event, em);
        };
    }
}
