package org.outboxlab.consume;

/** The downstream concerns that consume order events, each on its own subscription with its own dead letters. */
public enum ConsumerName {
    FULFILMENT(Subscriptions.FULFILMENT, FulfilmentStep.class),
    NOTIFICATION(Subscriptions.NOTIFICATION, CustomerNotification.class),
    LEDGER(Subscriptions.LEDGER, LedgerEntry.class);

    private final String queue;
    private final Class<? extends AppliedEffect> effectType;

    ConsumerName(String queue, Class<? extends AppliedEffect> effectType) {
        this.queue = queue;
        this.effectType = effectType;
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
