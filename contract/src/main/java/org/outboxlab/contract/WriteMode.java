package org.outboxlab.contract;

import java.util.List;

/** How an order's event leaves the database for the broker. */
public enum WriteMode {
    /** Order rows and an outbox row in one local transaction; the relay publishes later. */
    OUTBOX,
    /** Order rows and the JMS send in one XA transaction (two-phase commit). */
    XA,
    /** Database commit, then a JMS send outside that transaction: the dual-write control group. */
    NAIVE,
    /**
     * Benchmark only: the same business transaction with no event and no messaging at all, the
     * baseline the other modes are measured against. Refused unless {@code
     * outbox.bench.baseline-enabled}.
     */
    BASELINE;

    /** The modes a comparison runs, in the order reports show them. */
    public static final List<WriteMode> COMPARED = List.of(OUTBOX, XA, NAIVE);

    /** Whether this mode records an event with the business change. */
    public boolean recordsEvent() {
        return this != BASELINE;
    }

    /** The names of {@link #COMPARED}, as requests and reports spell them. */
    public static List<String> comparedNames() {
        return COMPARED.stream().map(Enum::name).toList();
    }
}
