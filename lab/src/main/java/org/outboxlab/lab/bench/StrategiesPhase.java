package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Phase {@code strategies}: the polling relay against the log-tailing one ({@code
 * outbox.relay.strategy}), each on a WildFly restarted with it and the batch size of {@code
 * --batch}: the idle commit-to-third-effect p50 (consumers running), then, consumers stopped, a
 * warm-up drain and a measured one of {@code --backlog} rows, with what the database did meanwhile:
 * statements of the application's role ({@code pg_stat_statements}) and WAL bytes, per event. The
 * log-tailing server's sweeper waits 10 minutes, so the reader alone drains. The benchmark's own
 * queries run as the superuser, outside the count. Writes bench.json's {@code relayStrategies}.
 */
final class StrategiesPhase {

    static final String[] STRATEGIES = {"polling", "log-tailing"};

    private final BenchRig rig;

    StrategiesPhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        BenchOptions options = rig.options();
        RelayBench relay = rig.relayBench();
        JsonArrayBuilder rows = Json.createArrayBuilder();
        try (Connection superuser = rig.topology().databaseAsSuperuser();
                Statement s = superuser.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
        }
        for (String strategy : STRATEGIES) {
            rig.restart(
                    "-Doutbox.relay.strategy=" + strategy,
                    "-Doutbox.relay.sweep-after-ms=600000",
                    "-Doutbox.relay.batch-size=" + options.batch);
            IdleLatency.Result idle =
                    IdleLatency.measure(rig.topology(), rig.driver(), IdlePhase.ORDERS);
            relay.pauseConsumers();
            relay.drain("warm-" + strategy, options.sweepBacklog);
            rig.topology().purgeConsumerQueues();
            String run = "strategy-" + strategy;
            double rate;
            long statements;
            long walBytes;
            try (Connection app = rig.topology().database();
                    Connection superuser = rig.topology().databaseAsSuperuser()) {
                try (Statement s = superuser.createStatement()) {
                    s.execute("set search_path = outbox, public");
                }
                RelayBench.insertBacklog(app, run, options.backlog);
                try (Statement s = superuser.createStatement()) {
                    s.execute("select pg_stat_statements_reset()"); // the drain's alone
                }
                long statementsBefore = statements(superuser);
                String walBefore = walPosition(superuser);
                rate = RelayBench.drainRate(superuser, run, options.backlog);
                statements = statements(superuser) - statementsBefore;
                walBytes = walSince(superuser, walBefore);
                topStatements(superuser, strategy);
            }
            rig.topology().purgeConsumerQueues();
            relay.resumeConsumers();
            double statementsPerEvent = (double) statements / options.backlog;
            double walPerEvent = (double) walBytes / options.backlog;
            progress(
                    String.format(
                            Locale.ROOT,
                            "relay strategy %-11s: %8.0f events/s draining %d; idle p50 %.1f ms; "
                                    + "%.3f statements and %.0f WAL bytes per event",
                            strategy,
                            rate,
                            options.backlog,
                            idle.p50Ms(),
                            statementsPerEvent,
                            walPerEvent));
            rows.add(
                    Json.createObjectBuilder()
                            .add("strategy", strategy)
                            .add("eventsPerSec", round(rate))
                            .add("idleP50Ms", round2(idle.p50Ms()))
                            .add("idleP99Ms", round2(idle.p99Ms()))
                            .add(
                                    "statementsPerEvent",
                                    Math.round(statementsPerEvent * 1000) / 1000.0)
                            .add("walBytesPerEvent", round(walPerEvent))
                            .add("backlog", options.backlog));
        }
        bench.add("relayStrategies", rows);
    }

    /** Statements the application's role ran so far (pg_stat_statements). */
    private static long statements(Connection superuser) throws SQLException {
        try (Statement s = superuser.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select coalesce(sum(calls), 0) from pg_stat_statements p "
                                        + "join pg_roles r on r.oid = p.userid where r.rolname = 'outbox'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Prints the statements the application's role ran most often during the drain. */
    private static void topStatements(Connection superuser, String strategy) throws SQLException {
        try (Statement s = superuser.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select p.calls, left(regexp_replace(p.query, '\\s+', ' ', 'g'), 100) "
                                        + "from pg_stat_statements p join pg_roles r on r.oid = p.userid "
                                        + "where r.rolname = 'outbox' order by p.calls desc limit 6")) {
            while (rs.next()) {
                progress(
                        String.format(
                                Locale.ROOT,
                                "  %-11s %6d x %s",
                                strategy,
                                rs.getLong(1),
                                rs.getString(2)));
            }
        }
    }

    private static String walPosition(Connection superuser) throws SQLException {
        try (Statement s = superuser.createStatement();
                ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long walSince(Connection superuser, String before) throws SQLException {
        try (Statement s = superuser.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select pg_wal_lsn_diff(pg_current_wal_lsn(), '"
                                        + before
                                        + "'::pg_lsn)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
