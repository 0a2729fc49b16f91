package org.outboxlab.consume;

import jakarta.persistence.EntityManager;
import java.util.function.BiFunction;

/** The downstream concerns that consume order events, each on its own subscription with its own dead letters. */
public enum ConsumerName {
    FULFILMENT(Subscriptions.FULFILMENT, FulfilmentStep.class, (event, em) -> new FulfilmentStep(event)),
    NOTIFICATION(Subscriptions.NOTIFICATION, CustomerNotification.class, (event, em) -> new CustomerNotification(event)),
    LEDGER(Subscriptions.LEDGER, LedgerEntry.class, LedgerEntry::of);

    private final String queue;
    private final Class<? extends AppliedEffect> effectType;
    private final BiFunction<ReceivedEvent, EntityManager, AppliedEffect> effect;

    ConsumerName(String queue, Class<? extends AppliedEffect> effectType,
                 BiFunction<ReceivedEvent, EntityManager, AppliedEffect> effect) {
        this.queue = queue;
        this.effectType = effectType;
        this.effect = effect;
    }

    /** This consumer's effect of {@code event}, to persist in the receiving transaction ({@code em} reads in it). */
    AppliedEffect effectOf(ReceivedEvent event, EntityManager em) {
        return effect.apply(event, em);
    }

    /** The entity this consumer writes for each event it applies. */
    public Class<? extends AppliedEffect> effectType() {
        return effectType;
    }

    /**
     * The name of this consumer's durable subscription on the OrderEvents topic (and of its queue on
     * the broker); its dead-letter queue is this name plus {@code .DLQ}.
     */
    public String queue() {
        return queue;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
