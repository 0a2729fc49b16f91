package org.outboxlab.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an order's event leaves the database for the broker, and what each way promises. Code asks
 * the mode what it does (does it leave a row for the relay, does it send while writing, what must
 * the lab see of it) instead of comparing its name; a new mode is a new constant here, its write
 * transaction, and its tests.
 */
public enum WriteMode {
    /** Order rows and an outbox row in one local transaction; the relay publishes later. */
    OUTBOX(
            "transactional outbox",
            "#2b7bb9",
            Publication.RELAY,
            WhenBrokerDown.ACCEPTS,
            Promise.EXACTLY_ONCE_EFFECT),
    /**
     * Change data capture: the order rows alone, in one local transaction; the log reader turns the
     * committed changes of the order tables into events (PostgreSQL only, {@code
     * outbox.cdc.enabled}).
     */
    CDC(
            "change data capture",
            "#3a9a5b",
            Publication.CHANGE_LOG,
            WhenBrokerDown.ACCEPTS,
            Promise.EXACTLY_ONCE_EFFECT),
    /** Order rows and the JMS send in one XA transaction (two-phase commit). */
    XA(
            "XA two-phase commit",
            "#e08a1e",
            Publication.IN_THE_WRITE,
            WhenBrokerDown.REFUSES,
            Promise.EXACTLY_ONCE_EFFECT),
    /** Database commit, then a JMS send outside that transaction: the dual-write control group. */
    NAIVE(
            "naive dual write",
            "#c23b3b",
            Publication.AFTER_THE_COMMIT,
            WhenBrokerDown.COMMITS_UNSENT,
            Promise.NONE),
    /**
     * Benchmark only: the same business transaction with no event and no messaging at all, the
     * baseline the other modes are measured against. Refused unless {@code
     * outbox.bench.baseline-enabled}.
     */
    BASELINE(
            "no event (baseline)",
            "#7f7f7f",
            Publication.NONE,
            WhenBrokerDown.ACCEPTS,
            Promise.NONE);

    /** When the mode's event reaches the broker, relative to the business transaction. */
    public enum Publication {
        /** Later, by the relay, from an outbox row committed with the business change. */
        RELAY,
        /**
         * Later, by the log reader, from the business rows themselves as the database's log holds
         * them: the write records no event.
         */
        CHANGE_LOG,
        /** In the business transaction itself (the broker is a participant of its commit). */
        IN_THE_WRITE,
        /** Right after the business transaction committed, outside it. */
        AFTER_THE_COMMIT,
        /** Never: no event is recorded. */
        NONE
    }

    /** What a write in this mode does while the broker is unreachable. */
    public enum WhenBrokerDown {
        /** Commits and answers success: nothing needs the broker until the event is published. */
        ACCEPTS,
        /** Writes nothing and answers 503: the commit needs the broker. */
        REFUSES,
        /** Commits the business change, then fails to send: the order has no event (a loss). */
        COMMITS_UNSENT
    }

    /** What the mode promises about each committed order's downstream effects. */
    public enum Promise {
        /**
         * Every committed order takes effect once in each consumer, in sequence; nothing else does.
         */
        EXACTLY_ONCE_EFFECT,
        /** Nothing: a failure between its writes loses or invents events. */
        NONE
    }

    /** The modes a comparison runs, in the order reports show them. */
    public static final List<WriteMode> COMPARED = List.of(OUTBOX, CDC, XA, NAIVE);

    /**
     * The compared modes that run on every database with no replication slot: what the sample run
     * and the benchmark's end-to-end phases use.
     */
    public static final List<WriteMode> ON_EVERY_DATABASE = List.of(OUTBOX, XA, NAIVE);

    /**
     * The modes the benchmark's write phase measures, in the order its tables and charts show them.
     */
    public static final List<WriteMode> BENCHMARKED = List.of(BASELINE, NAIVE, XA, OUTBOX);

    private final String label;
    private final String colour;
    private final Publication publication;
    private final WhenBrokerDown whenBrokerDown;
    private final Promise promise;

    WriteMode(
            String label,
            String colour,
            Publication publication,
            WhenBrokerDown whenBrokerDown,
            Promise promise) {
        this.label = label;
        this.colour = colour;
        this.publication = publication;
        this.whenBrokerDown = whenBrokerDown;
        this.promise = promise;
    }

    /** A short human name, as the console and the reports title the mode. */
    public String label() {
        return label;
    }

    /** The colour reports and charts draw this mode in ({@code #rrggbb}). */
    public String colour() {
        return colour;
    }

    public Publication publication() {
        return publication;
    }

    public WhenBrokerDown whenBrokerDown() {
        return whenBrokerDown;
    }

    public Promise promise() {
        return promise;
    }

    /** Whether the business change produces an event (written with it, or read from the log). */
    public boolean recordsEvent() {
        return publication != Publication.NONE;
    }

    /**
     * Whether the write stores an outbox row with the business change: every event-recording mode
     * but CDC, whose events exist only in the database's log until the log reader publishes them.
     */
    public boolean writesEventRow() {
        return recordsEvent() && publication != Publication.CHANGE_LOG;
    }

    /** Whether this mode's events are read from the database's log of the business tables. */
    public boolean readsChangeLog() {
        return publication == Publication.CHANGE_LOG;
    }

    /**
     * Whether the write leaves an outbox row for the relay to publish (PENDING until it did); the
     * other event-recording modes keep their row as a record of what was sent (DIRECT).
     */
    public boolean leavesRowForRelay() {
        return publication == Publication.RELAY;
    }

    /**
     * Whether a write in this mode sends to the broker itself, so a success proves it reachable.
     */
    public boolean sendsWhileWriting() {
        return publication == Publication.IN_THE_WRITE
                || publication == Publication.AFTER_THE_COMMIT;
    }

    /**
     * Whether the write is a two-phase commit, so in-doubt (prepared or heuristic) transactions are
     * this mode's to account for.
     */
    public boolean twoPhaseCommit() {
        return publication == Publication.IN_THE_WRITE;
    }

    /**
     * Whether every committed order must take effect exactly once, in sequence (the lab's check).
     */
    public boolean promisesExactlyOnceEffect() {
        return promise == Promise.EXACTLY_ONCE_EFFECT;
    }

    /**
     * Whether a JVM halted between this mode's two writes must lose events: its send is not part of
     * the committed transaction and nothing records it for later.
     */
    public boolean losesWhenHaltedBetweenItsWrites() {
        return publication == Publication.AFTER_THE_COMMIT;
    }

    /** The names of {@link #COMPARED}, as requests and reports spell them. */
    public static List<String> comparedNames() {
        return COMPARED.stream().map(Enum::name).toList();
    }

    /** The mode a request or a report names, if any (exact, upper-case spelling). */
    public static Optional<WriteMode> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equals(name)).findFirst();
    }
}
