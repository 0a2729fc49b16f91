package org.outboxlab.scenario;

import java.util.Arrays;
import java.util.Optional;

/** The lab's scenarios; the ids are fixed, tooling reads them. */
public enum Scenario {

    /** No fault. */
    BASELINE("baseline", true),
    /** The broker is killed (SIGKILL) during load, then restarted. */
    BROKER_OUTAGE("broker-outage", false),
    /**
     * PostgreSQL is killed (SIGKILL, every process of it) during load, then restarted 20 s later.
     */
    DB_OUTAGE("db-outage", false),
    /** WildFly is killed (SIGKILL) during load, then restarted. */
    SERVER_KILL("server-kill", false),
    /** The JVM halts at a named point inside one mode's write path, then restarts. */
    CRASH_POINT("crash-point", false),
    /** Consumers throw on some first deliveries, and on every delivery of one poison order. */
    CONSUMER_FAILURE("consumer-failure", true),
    /** Events are published twice and consumers roll back after staging their effect. */
    REDELIVERY("redelivery", true),
    /**
     * The relay and the log reader are paused while every mode writes, until the replication slot
     * retains a bound of WAL, then resumed; then again past a lowered {@code
     * max_slot_wal_keep_size}, until PostgreSQL invalidates the slot.
     */
    RELAY_STALL("relay-stall", false),
    /**
     * A cluster's second node is killed (SIGKILL) during load, then restarted; the first takes its
     * relay partitions and its consumers' share.
     */
    NODE_KILL("node-kill", false, 2),
    /**
     * A cluster's second node is stopped gracefully during load, then started again: it gives its
     * relay partitions up as it stops, and the first must hold them before its leases run out.
     */
    NODE_RESTART("node-restart", false, 2),
    /**
     * A cluster's second node loses the database (its connections cut, new ones refused) while the
     * first keeps it: its writes are refused and its partitions pass on once its leases run out.
     */
    NODE_CUT_OFF("node-cut-off", false, 2),
    /**
     * A cluster's second node is frozen (SIGSTOP) past its relay lease, then let run (SIGCONT): it
     * must publish nothing for the partitions it lost.
     */
    NODE_PAUSE("node-pause", false, 2),
    /**
     * As {@link #NODE_PAUSE}, with the freeze at the worst moment: node 2 stops itself inside a
     * relay batch, its messages sent and its broker commit next, until node 1 took its partitions
     * and published the same events; the late commit must not take effect.
     */
    NODE_PAUSE_AT_COMMIT("node-pause-at-commit", false, 2),
    /**
     * A cluster's broker pair loses its primary (SIGKILL) during load; the backup takes over on the
     * same journal and the nodes follow it.
     */
    BROKER_FAILOVER("broker-failover", false, 2);

    private final String id;
    private final boolean serverStaysUp;
    private final int nodes;

    Scenario(String id, boolean serverStaysUp) {
        this(id, serverStaysUp, 1);
    }

    Scenario(String id, boolean serverStaysUp, int nodes) {
        this.id = id;
        this.serverStaysUp = serverStaysUp;
        this.nodes = nodes;
    }

    /**
     * Whether the scenario kills or halts a WildFly, so that a refused connection or WildFly's own
     * 503 (booting) is an expected answer rather than an error.
     */
    public boolean takesWildFlyDown() {
        return this == SERVER_KILL
                || this == CRASH_POINT
                || this == NODE_KILL
                || this == NODE_RESTART;
    }

    /** How many WildFly nodes the scenario needs. */
    public int nodes() {
        return nodes;
    }

    public String id() {
        return id;
    }

    /**
     * Whether the scenario runs without stopping WildFly or the broker (so a running server can run
     * it).
     */
    public boolean serverStaysUp() {
        return serverStaysUp;
    }

    public static Optional<Scenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
