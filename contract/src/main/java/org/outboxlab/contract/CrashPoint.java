package org.outboxlab.contract;

import java.util.Arrays;
import java.util.Optional;

/** A named point inside a write path where an armed server halts its JVM, as a crash would. */
public enum CrashPoint {

    /** NAIVE: the order committed in the database, its event not yet sent. */
    NAIVE_AFTER_DB_COMMIT("naive-after-db-commit"),
    /** OUTBOX relay: the broker committed a batch, the rows are not yet marked published. */
    OUTBOX_AFTER_BROKER_COMMIT("outbox-after-broker-commit"),
    /**
     * XA: every participant prepared, phase 2 under way (after the first participant's commit).
     * Reached through the Byteman rule the lab installs.
     */
    XA_AFTER_PREPARE("xa-after-prepare"),
    /**
     * Any mode, consumer side: a consumer committed its inbox entry and effect in the database, the
     * broker has not had the acknowledgement; the message is redelivered and the inbox absorbs it.
     */
    CONSUMER_AFTER_DB_COMMIT("consumer-after-db-commit");

    private final String id;

    CrashPoint(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The point in {@code mode}'s own write path between its two writes, where the dual-write
     * problem bites.
     */
    public static CrashPoint betweenTheWritesOf(WriteMode mode) {
        return switch (mode) {
            case OUTBOX -> OUTBOX_AFTER_BROKER_COMMIT;
            case XA -> XA_AFTER_PREPARE;
            case NAIVE -> NAIVE_AFTER_DB_COMMIT;
            case BASELINE -> throw new IllegalArgumentException("BASELINE writes no event");
        };
    }

    public static Optional<CrashPoint> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
