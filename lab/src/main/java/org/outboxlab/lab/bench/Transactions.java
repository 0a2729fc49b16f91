package org.outboxlab.lab.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.outboxlab.contract.ConsumerName;

/**
 * What each event costs the database, per write mode, read from PostgreSQL's {@code
 * pg_stat_statements} (preloaded by {@code pg.sh}) rather than from the application: the two-phase
 * commits ({@code COMMIT PREPARED}) and the statements the consumers run on their tables (inbox,
 * progress, held events, effects) per delivery, over a run of a few hundred orders.
 */
final class Transactions {

    /**
     * Per event: PostgreSQL two-phase commits; per delivery (event and consumer): consumer
     * statements.
     */
    record Cost(
            String mode,
            long events,
            double twoPhaseCommitsPerEvent,
            double statementsPerDelivery) {}

    private static final int CONSUMERS = ConsumerName.values().length;

    /**
     * Tables only the consumers write; the benchmark's own reads also join the outbox and orders.
     */
    private static final String CONSUMER_TABLES =
            "(inbox|consumer_progress|held_event|fulfilment_step"
                    + "|customer_notification|ledger_entry)";

    private Transactions() {}

    static Cost measure(
            BenchTopology topology,
            LoadDriver driver,
            String mode,
            int ratePerSec,
            Duration duration)
            throws SQLException, InterruptedException {
        try (Connection db = topology.databaseAsSuperuser();
                Statement s = db.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
        String prefix = "t-" + mode + "-" + System.nanoTime() % 100000;
        driver.openLoop(mode, prefix, ratePerSec, duration);
        EndToEnd.Result applied = EndToEnd.measure(topology, prefix, Duration.ofSeconds(60));
        try (Connection db = topology.databaseAsSuperuser();
                Statement s = db.createStatement()) {
            long twoPhase =
                    sum(
                            s,
                            "select coalesce(sum(calls), 0) from pg_stat_statements "
                                    + "where query ilike 'commit prepared%'");
            long consumerStatements =
                    sum(
                            s,
                            "select coalesce(sum(calls), 0) from pg_stat_statements "
                                    + "where query ~* '\\m"
                                    + CONSUMER_TABLES
                                    + "\\M' and query !~* '\\m(outbox_event|customer_order)\\M' "
                                    + "and query !~* '^\\s*delete'");
            long events = applied.events();
            return new Cost(
                    mode,
                    events,
                    events == 0 ? -1 : (double) twoPhase / events,
                    events == 0 ? -1 : (double) consumerStatements / (events * CONSUMERS));
        }
    }

    private static long sum(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
