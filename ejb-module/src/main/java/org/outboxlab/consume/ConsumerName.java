package org.outboxlab.consume;

/** The downstream concerns that consume order events, each on its own queue with its own dead letters. */
public enum ConsumerName {
    FULFILMENT("FulfilmentEvents", FulfilmentStep.class),
    NOTIFICATION("NotificationEvents", CustomerNotification.class),
    LEDGER("LedgerEvents", LedgerEntry.class);

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

    /** The JMS queue name this consumer reads; its dead-letter queue is this name plus {@code .DLQ}. */
    public String queue() {
        return queue;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
