package org.outboxlab.contract;

import java.util.Arrays;
import java.util.Optional;

/** A named point inside a write path where an armed server halts its JVM, as a crash would. */
public enum CrashPoint {

    /** NAIVE: the order committed in the database, its event not yet sent. */
    NAIVE_AFTER_DB_COMMIT("naive-after-db-commit", WriteMode.NAIVE),
    /** OUTBOX relay: the broker committed a batch, the rows are not yet marked published. */
    OUTBOX_AFTER_BROKER_COMMIT("outbox-after-broker-commit", WriteMode.OUTBOX),
    /**
     * CDC log reader: the broker committed a batch of events read from the order tables' changes,
     * the slot's position is not yet confirmed past them.
     */
    CDC_AFTER_BROKER_COMMIT("cdc-after-broker-commit", WriteMode.CDC),
    /**
     * XA: every participant prepared, phase 2 under way (after the first participant's commit).
     * Reached through the Byteman rule the lab installs.
     */
    XA_AFTER_PREPARE("xa-after-prepare", WriteMode.XA),
    /**
     * Any mode, consumer side: a consumer committed its inbox entry and effect in the database, the
     * broker has not had the acknowledgement; the message is redelivered and the inbox absorbs it.
     */
    CONSUMER_AFTER_DB_COMMIT("consumer-after-db-commit", null),
    /**
     * Any mode, consumer side: a consumer committed one transaction holding the effects of two or
     * more deliveries that arrived together, none of them acknowledged yet; every one of them is
     * redelivered and the inbox absorbs them all.
     */
    CONSUMER_BATCH_AFTER_DB_COMMIT("consumer-batch-after-db-commit", null);

    private final String id;
    private final WriteMode writePathOf;

    CrashPoint(String id, WriteMode writePathOf) {
        this.id = id;
        this.writePathOf = writePathOf;
    }

    public String id() {
        return id;
    }

    /**
     * The line a server prints (to its console and its log) the moment it reaches this point, just
     * before halting: the proof the lab reads, since a halted JVM exits as a SIGKILLed one does.
     * The Byteman rule of {@link #XA_AFTER_PREPARE} prints the same line.
     */
    public String reachedLine() {
        return "outbox fault point " + id + " reached: halting the JVM";
    }

    /**
     * The point in {@code mode}'s own write path between its two writes, where the dual-write
     * problem bites.
     */
    public static CrashPoint betweenTheWritesOf(WriteMode mode) {
        return Arrays.stream(values())
                .filter(p -> p.writePathOf == mode)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        mode + " has no crash point between two writes"));
    }

    public static Optional<CrashPoint> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
