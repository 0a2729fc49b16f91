package org.outboxlab.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * {@code relay-stall}: the cluster's relay switch is turned off while every mode writes, so the
 * polling relay and the log reader stop; the replication slot, unread, retains WAL until it holds
 * more than {@link #RETAINED_BOUND}; the switch on again, everything is published from the slot.
 * Then the slot's cap ({@code max_slot_wal_keep_size}) is lowered to {@link #SMALL_CAP} and the
 * stall repeated until PostgreSQL invalidates the slot at a checkpoint; the switch on again, the
 * reader finds the slot lost, makes it anew (it logs so: the run's fault point counts as reached
 * only then), and the sweeper (OUTBOX) and the catch-up from the order rows (CDC) publish what the
 * lost WAL held. The cap is put back after. The lab switches WAL segments once a second while a
 * stall lasts ({@code pg_switch_wal}), so the retained WAL grows a segment at a time rather than at
 * the load's few kilobytes a second. Without a slot (no node reads the log) the relay stalls once,
 * for 25 % of the load, and the run has no fault point.
 */
final class RelayStallRun extends TopologyRun {

    /** Retained WAL the first stall waits for: two 16 MB segments. */
    static final long RETAINED_BOUND = 32L * 1024 * 1024;

    /** The slot's cap for the second stall: one segment. */
    static final String SMALL_CAP = "16MB";

    /** The reader's line when it finds its slot invalidated ({@code SlotSession}). */
    static final String NOTICED =
            "was invalidated (its retained WAL passed max_slot_wal_keep_size)";

    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);
    private static final Duration NOTICE_LIMIT = Duration.ofSeconds(30);

    RelayStallRun(LabTopology lab) {
        super(Scenario.RELAY_STALL, lab);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.25);
        String slot = slot();
        if (slot == null) {
            Instant paused = Instant.now();
            try {
                switchRelay(true);
                load.say("relay paused (no replication slot: no node reads the log)");
                load.runForShare(0.25);
            } finally {
                switchRelay(false);
            }
            Instant resumed = Instant.now();
            String note = "relay paused " + ScenarioSteps.seconds(paused, resumed) + " s; no slot";
            load.say(note);
            load.runForShare(0.40);
            return load.finish(null, resumed, note);
        }
        long[] marks = new long[lab.baseUris().size()];
        for (int node = 1; node <= marks.length; node++) {
            marks[node - 1] = lab.node(node).serverLogMark();
        }
        Instant paused = Instant.now();
        long retained;
        try {
            switchRelay(true);
            load.say("relay paused; slot " + slot + " unread");
            retained = stallUntilRetained(load, slot);
        } finally {
            switchRelay(false); // the switch is kept in the database: never left off
        }
        Instant resumed = Instant.now();
        String kept =
                "relay paused "
                        + ScenarioSteps.seconds(paused, resumed)
                        + " s, slot "
                        + slot
                        + " retained "
                        + megabytes(retained)
                        + " MB of WAL (wal_status "
                        + walStatus(slot)
                        + ")";
        load.say(kept + ", resumed");
        load.runForShare(0.25);

        String cap = setting("max_slot_wal_keep_size");
        Instant invalidatedAt;
        Instant pausedAgain = Instant.now();
        Instant resumedAgain;
        try {
            setCap(SMALL_CAP);
            switchRelay(true);
            load.say("max_slot_wal_keep_size " + SMALL_CAP + " (was " + cap + "), relay paused");
            invalidatedAt = stallUntilInvalidated(load, slot);
        } finally {
            try {
                switchRelay(false);
            } finally {
                resetCap(); // back to the configuration file's value (pg.sh's)
            }
        }
        resumedAgain = Instant.now();
        boolean noticed = invalidatedAt != null && awaitNoticed(marks);
        String lost =
                invalidatedAt == null
                        ? "the slot was not invalidated within " + STALL_LIMIT.toSeconds() + " s"
                        : "with max_slot_wal_keep_size "
                                + SMALL_CAP
                                + " PostgreSQL invalidated the slot "
                                + ScenarioSteps.seconds(pausedAgain, invalidatedAt)
                                + " s into the second stall (wal_status lost); "
                                + (noticed
                                        ? "the reader, resumed, logged it, made the slot anew and"
                                                + " left what the lost WAL held to the sweeper and"
                                                + " the catch-up from the order rows"
                                        : "the reader never logged noticing it");
        String note = kept + "; " + lost + " (cap put back to " + cap + ")";
        load.say(note);
        load.runForShare(0.40);
        return load.finish("slot-invalidated", noticed, resumedAgain, note);
    }

    /** Switches WAL segments under the load until the slot retains the bound; returns bytes. */
    private long stallUntilRetained(UnderLoad load, String slot)
            throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
        long retained = retained(slot);
        while (retained < RETAINED_BOUND && System.nanoTime() < deadline) {
            superuser("select pg_switch_wal()");
            load.runFor(Duration.ofSeconds(1));
            retained = retained(slot);
        }
        return retained;
    }

    /**
     * Switches WAL segments and checkpoints under the load until PostgreSQL marks the slot lost;
     * returns when, or null if it did not within {@link #STALL_LIMIT}.
     */
    private Instant stallUntilInvalidated(UnderLoad load, String slot)
            throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            superuser("select pg_switch_wal()");
            load.runFor(Duration.ofSeconds(1));
            superuser("checkpoint");
            if ("lost".equals(walStatus(slot))) {
                return Instant.now();
            }
        }
        return null;
    }

    /** Whether a node's reader logged finding its slot invalidated after {@code marks}. */
    private boolean awaitNoticed(long[] marks) throws InterruptedException {
        long deadline = System.nanoTime() + NOTICE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int node = 1; node <= marks.length; node++) {
                if (lab.node(node).logged(NOTICED, marks[node - 1])) {
                    return true;
                }
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** The log reader's slot, as PostgreSQL lists it; null if there is none. */
    private String slot() throws SQLException {
        try (Connection db = lab.databaseAsSuperuser();
                Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "select slot_name from pg_replication_slots where plugin = 'pgoutput'"
                                        + " order by slot_name limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The slot's retained WAL and {@code wal_status}; status "gone" if there is no slot. */
    private record SlotWal(long retained, String status) {}

    private SlotWal slotWal(String slot) throws SQLException {
        try (Connection db = lab.databaseAsSuperuser();
                PreparedStatement ps =
                        db.prepareStatement(
                                "select coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0),"
                                        + " wal_status from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? new SlotWal(rs.getLong(1), rs.getString(2))
                        : new SlotWal(0, "gone");
            }
        }
    }

    private long retained(String slot) throws SQLException {
        return slotWal(slot).retained();
    }

    private String walStatus(String slot) throws SQLException {
        return slotWal(slot).status();
    }

    private String setting(String name) throws SQLException {
        try (Connection db = lab.databaseAsSuperuser();
                PreparedStatement ps = db.prepareStatement("select current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void setCap(String cap) throws SQLException {
        superuser("alter system set max_slot_wal_keep_size = '" + cap + "'");
        superuser("select pg_reload_conf()");
    }

    private void resetCap() throws SQLException {
        superuser("alter system reset max_slot_wal_keep_size");
        superuser("select pg_reload_conf()");
    }

    private void superuser(String statement) throws SQLException {
        try (Connection db = lab.databaseAsSuperuser();
                Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    private void switchRelay(boolean paused) throws SQLException {
        lab.switchRelay(paused, "lab relay-stall");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
