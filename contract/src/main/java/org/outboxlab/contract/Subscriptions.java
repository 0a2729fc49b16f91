package org.outboxlab.contract;

/**
 * The consumers' durable subscriptions on the OrderEvents topic: one subscription queue per
 * consumer, named after it, declared by the broker's configuration ({@code jms-config}) with
 * exactly these filters. A message without {@value #REPLAY_TO} reaches every consumer; a replay
 * from a dead-letter queue carries the name of the one consumer it is for. The MDBs' {@code
 * messageSelector} must equal the declared filter: on a difference the resource adapter deletes the
 * queue and creates it anew.
 */
public final class Subscriptions {

    /** JNDI name of the topic every event is published to. */
    public static final String TOPIC = "java:/jms/outbox/OrderEvents";

    /** Message property naming the only subscription a replayed message is for. */
    public static final String REPLAY_TO = "replayTo";

    public static final String FULFILMENT = "FulfilmentEvents";
    public static final String NOTIFICATION = "NotificationEvents";
    public static final String LEDGER = "LedgerEvents";

    public static final String FULFILMENT_SELECTOR =
            "replayTo IS NULL OR replayTo = 'FulfilmentEvents'";
    public static final String NOTIFICATION_SELECTOR =
            "replayTo IS NULL OR replayTo = 'NotificationEvents'";
    public static final String LEDGER_SELECTOR = "replayTo IS NULL OR replayTo = 'LedgerEvents'";

    private Subscriptions() {}

    /**
     * The filter of {@code subscription}'s queue: everything published, and replays for it alone.
     */
    public static String selector(String subscription) {
        return REPLAY_TO + " IS NULL OR " + REPLAY_TO + " = '" + subscription + "'";
    }
}
