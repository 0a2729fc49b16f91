package org.outboxlab.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * An XA write held between its two phases so that the database dies under a transaction it prepared
 * and has not been told the outcome of: the lab's Byteman rule ({@code crash-points.btm}) holds one
 * armed write's request thread at the entry of Narayana's phase 2, every participant prepared and
 * none committed, for {@link #HOLD}; the rule prints {@link #reachedLine()} first. Armed by a file
 * in the node's data directory, which the rule deletes as it fires (once per arming). What the
 * database holds is read from PostgreSQL itself: the held transaction in {@code pg_prepared_xacts}
 * before the kill, and its outcome from PostgreSQL's commit log ({@code pg_xact_status}) after the
 * restart, so a recovery that never commits it fails the run.
 */
final class PhaseTwoHold {

    /** The fault point, as a run's report names it. */
    static final String ID = "xa-prepared-at-db-kill";

    /** How long the rule holds the thread (in {@code crash-points.btm}). */
    static final Duration HOLD = Duration.ofSeconds(8);

    /** The latest the kill may come after the point was seen, so it lands inside the hold. */
    static final Duration KILL_WITHIN = HOLD.minusSeconds(3);

    static final String ARMING_FILE = "outbox-hold-before-phase-two";

    /** Other XA writes are prepared for milliseconds; the held one for seconds. */
    private static final String PREPARED =
            "select transaction::text, gid from pg_prepared_xacts"
                    + " where prepared < now() - interval '500 milliseconds'";

    /**
     * The transaction's outcome in PostgreSQL's commit log. The lab's database cluster is made
     * fresh by {@code pg.sh}, so its transaction ids are of epoch 0 and an {@code xid} reads as the
     * same {@code xid8}.
     */
    private static final String STATUS = "select pg_xact_status(?::xid8)";

    private final Callable<Connection> database;

    PhaseTwoHold(Callable<Connection> database) {
        this.database = database;
    }

    /** The line the rule prints as it begins to hold the thread. */
    static String reachedLine() {
        return "outbox fault point " + ID + " reached: holding phase 2";
    }

    /**
     * A transaction the rule held: PostgreSQL's ids of what it prepared for it (xid to gid), and
     * when the lab saw the point reached.
     */
    record Held(Map<String, String> prepared, Instant seen) {

        /** Fails unless {@code killed} came early enough to find the transaction still held. */
        void requireKilledWithinHold(Instant killed) {
            Duration after = Duration.between(seen, killed);
            if (after.compareTo(KILL_WITHIN) > 0) {
                throw new IllegalStateException(
                        ID
                                + ": the database was killed "
                                + after.toMillis()
                                + " ms after the point was reached, too late to be sure phase 2"
                                + " was still held (at most "
                                + KILL_WITHIN.toMillis()
                                + " ms)");
            }
        }
    }

    /**
     * Arms {@code node} and waits until one of its XA writes is held prepared; returns what
     * PostgreSQL prepared for it, or null (disarmed again) if no XA write reached the point within
     * {@code wait}.
     *
     * @throws IllegalStateException if the point was reached but PostgreSQL holds nothing prepared
     *     for it
     */
    Held hold(ServerProcess node, Duration wait) throws Exception {
        Set<String> before = prepared().keySet();
        ServerProcess.OutputMark mark = node.outputMark();
        Path arming = node.dataDir().resolve(ARMING_FILE);
        Files.deleteIfExists(arming);
        Files.createFile(arming);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!node.printedSince(reachedLine(), mark)) {
            if (System.nanoTime() > deadline) {
                return disarm(arming);
            }
            Thread.sleep(100);
        }
        Instant seen = Instant.now();
        Thread.sleep(700);
        Map<String, String> held = new LinkedHashMap<>(prepared());
        held.keySet().removeAll(before);
        if (held.isEmpty()) {
            throw new IllegalStateException(
                    ID
                            + ": the node held an XA write before its phase 2 but PostgreSQL has no"
                            + " transaction of it prepared (pg_prepared_xacts)");
        }
        return new Held(held, seen);
    }

    private static Held disarm(Path arming) throws IOException {
        if (Files.deleteIfExists(arming)) {
            return null;
        }
        throw new IllegalStateException(
                ID + ": the rule took the arming file but the node never printed its line");
    }

    /** Whether every transaction of {@code held} is still prepared, its outcome not yet known. */
    boolean undecided(Held held) throws Exception {
        return statuses(held).values().stream().allMatch("in progress"::equals);
    }

    /**
     * Waits until PostgreSQL's commit log says every transaction of {@code held} committed; returns
     * by when they had (within 250 ms).
     *
     * @throws IllegalStateException if one was rolled back or is still undecided after {@code wait}
     */
    Instant awaitCommitted(Held held, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Map<String, String> statuses = statuses(held);
            if (statuses.containsValue("aborted")) {
                throw new IllegalStateException(
                        ID
                                + ": a transaction prepared before the kill was rolled back: "
                                + statuses);
            }
            if (statuses.values().stream().allMatch("committed"::equals)) {
                return Instant.now();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        ID
                                + ": a transaction prepared before the kill was not committed "
                                + wait.toSeconds()
                                + " s after the restart: "
                                + statuses
                                + ", still in pg_prepared_xacts: "
                                + prepared().keySet());
            }
            Thread.sleep(250);
        }
    }

    private Map<String, String> prepared() throws Exception {
        Map<String, String> prepared = new LinkedHashMap<>();
        try (Connection c = database.call();
                PreparedStatement s = c.prepareStatement(PREPARED);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                prepared.put(rs.getString(1), rs.getString(2));
            }
        }
        return prepared;
    }

    private Map<String, String> statuses(Held held) throws Exception {
        Map<String, String> statuses = new LinkedHashMap<>();
        List<String> xids = new ArrayList<>(held.prepared().keySet());
        try (Connection c = database.call();
                PreparedStatement s = c.prepareStatement(STATUS)) {
            for (String xid : xids) {
                s.setString(1, xid);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    statuses.put(xid, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new SQLException(ID + ": cannot read the held transactions' outcome", e);
        }
        return statuses;
    }
}
