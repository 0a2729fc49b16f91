package org.outboxlab.lab.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Commit-to-effect latency of a run's orders, read from the database of record. */
final class EndToEnd {

    /**
     * Percentiles in ms of event-commit to last consumer effect, and how many events were measured.
     */
    record Result(double p50, double p95, double p99, long events, long missing) {}

    private EndToEnd() {}

    /**
     * Waits (bounded) until every event of the run's orders reached all three consumers, then
     * measures.
     */
    static Result measure(BenchTopology topology, String customerPrefix, Duration settle)
            throws SQLException, InterruptedException {
        return measure(topology::database, customerPrefix, settle);
    }

    /** Opens a connection to the database of record. */
    interface Database {
        java.sql.Connection open() throws SQLException;
    }

    /** As above, on any database of record. */
    static Result measure(Database database, String customerPrefix, Duration settle)
            throws SQLException, InterruptedException {
        try (java.sql.Connection db = database.open()) {
            long deadline = System.nanoTime() + settle.toNanos();
            long missing;
            do {
                missing =
                        BenchTopology.countLike(
                                db,
                                "select count(*) from outbox_event e join customer_order o on o.id = e.aggregate_id "
                                        + "where o.customer_id like ? and (not exists (select 1 from fulfilment_step f where f.event_id = e.event_id) "
                                        + "or not exists (select 1 from customer_notification n where n.event_id = e.event_id) "
                                        + "or not exists (select 1 from ledger_entry l where l.event_id = e.event_id))",
                                customerPrefix);
                if (missing > 0) {
                    Thread.sleep(500);
                }
            } while (missing > 0 && System.nanoTime() < deadline);
            try (PreparedStatement ps =
                    db.prepareStatement(
                            "select "
                                    + "percentile_cont(0.5) within group (order by ms), percentile_cont(0.95) within group (order by ms), "
                                    + "percentile_cont(0.99) within group (order by ms), count(*) from ("
                                    + "select extract(epoch from greatest(f.applied_at, n.applied_at, l.applied_at) - e.occurred_at) * 1000 as ms "
                                    + "from outbox_event e join customer_order o on o.id = e.aggregate_id "
                                    + "join fulfilment_step f on f.event_id = e.event_id join customer_notification n on n.event_id = e.event_id "
                                    + "join ledger_entry l on l.event_id = e.event_id where o.customer_id like ?) t")) {
                ps.setString(1, customerPrefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Result(
                            rs.getDouble(1),
                            rs.getDouble(2),
                            rs.getDouble(3),
                            rs.getLong(4),
                            missing);
                }
            }
        }
    }
}
