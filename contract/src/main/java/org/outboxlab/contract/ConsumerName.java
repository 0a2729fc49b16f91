package org.outboxlab.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The downstream concerns that consume order events, each on its own durable subscription with its
 * own dead letters and its own effect table.
 */
public enum ConsumerName {
    FULFILMENT(Subscriptions.FULFILMENT, "fulfilment_step"),
    NOTIFICATION(Subscriptions.NOTIFICATION, "customer_notification"),
    LEDGER(Subscriptions.LEDGER, "ledger_entry");

    private final String queue;
    private final String effectTable;

    ConsumerName(String queue, String effectTable) {
        this.queue = queue;
        this.effectTable = effectTable;
    }

    /** The consumer's id, as the inbox, the API and reports name it: {@code fulfilment}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The name of this consumer's durable subscription on the OrderEvents topic (and of its queue
     * on the broker).
     */
    public String queue() {
        return queue;
    }

    /**
     * The queue the broker moves this consumer's undeliverable messages to: {@code
     * FulfilmentEvents.DLQ}, …
     */
    public String deadLetterQueue() {
        return queue + ".DLQ";
    }

    /** The table holding one row per event this consumer applied (the effect the audit counts). */
    public String effectTable() {
        return effectTable;
    }

    /**
     * The consumer's message-driven bean, as WildFly's management model names it ({@code
     * message-driven-bean=FulfilmentConsumer}, …): the class is named for its concern.
     */
    public String beanName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT) + "Consumer";
    }

    public static Optional<ConsumerName> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }
}
