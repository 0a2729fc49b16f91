package org.outboxlab.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Waits, bounded, for a scenario's runs to settle before the audit: no outbox row pending, no
 * transaction left prepared in PostgreSQL, and every committed event applied by every consumer; or,
 * where events are lost or parked, nothing changing for a whole settle window (longer than a
 * Narayana recovery pass, so an in-doubt transaction has had its chance).
 */
public final class Settling {

    private static final Duration POLL = Duration.ofMillis(500);

    private Settling() {}

    private record Snapshot(
            long pending, long prepared, long events, long applied, long duplicates) {

        boolean complete(int consumers) {
            return pending == 0 && prepared == 0 && applied >= events * consumers;
        }
    }

    /** Returns whether the runs tagged {@code tags} settled within {@code limit}. */
    public static boolean await(Connection db, List<String> tags, Duration window, Duration limit)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Snapshot last = null;
        long unchangedSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Snapshot now = snapshot(db, tags);
            if (!now.equals(last)) {
                last = now;
                unchangedSince = System.nanoTime();
            } else if (now.complete(Audit.EFFECT_TABLES.size())
                    || (now.pending() == 0
                            && now.prepared() == 0
                            && System.nanoTime() - unchangedSince >= window.toNanos())) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    private static Snapshot snapshot(Connection db, List<String> tags) throws SQLException {
        long pending = 0;
        long events = 0;
        long applied = 0;
        long duplicates = 0;
        for (String tag : tags) {
            String like = tag + "-%";
            pending +=
                    count(
                            db,
                            "select count(*) from outbox_event e join customer_order o on o.id = e.aggregate_id "
                                    + "where o.customer_id like ? and e.status = 'PENDING'",
                            like);
            events +=
                    count(
                            db,
                            "select count(*) from outbox_event e join customer_order o on o.id = e.aggregate_id "
                                    + "where o.customer_id like ?",
                            like);
            for (String table : Audit.EFFECT_TABLES.values()) {
                applied +=
                        count(
                                db,
                                "select count(distinct f.event_id) from "
                                        + table
                                        + " f join customer_order o "
                                        + "on o.id = f.order_id where o.customer_id like ?",
                                like);
            }
            duplicates +=
                    count(
                            db,
                            "select coalesce(sum(i.duplicates), 0) from inbox i join outbox_event e "
                                    + "on e.event_id = i.event_id join customer_order o on o.id = e.aggregate_id where o.customer_id like ?",
                            like);
        }
        long prepared = preparedTransactions(db);
        return new Snapshot(pending, prepared, events, applied, duplicates);
    }

    /**
     * Transactions prepared and not yet resolved in PostgreSQL; 0 on a database without that view
     * (H2).
     */
    static long preparedTransactions(Connection db) {
        try {
            return count(db, "select count(*) from pg_prepared_xacts", null);
        } catch (SQLException notPostgres) {
            return 0;
        }
    }

    private static long count(Connection db, String sql, String like) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (like != null) {
                ps.setString(1, like);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
