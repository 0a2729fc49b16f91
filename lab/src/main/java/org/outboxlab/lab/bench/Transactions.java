package org.outboxlab.lab.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.outboxlab.contract.ConsumerName;

/**
 * What each event costs the database, per write mode, read from PostgreSQL rather than from the
 * application: from {@code pg_stat_statements} (preloaded by {@code pg.sh}) the two-phase commits
 * ({@code COMMIT PREPARED}) per event and the statements the consumers run on their tables (inbox,
 * progress, held events, effects) per delivery; from {@code pg_stat_database} the commits per order
 * and the consumers' commits per delivery.
 *
 * <p>PostgreSQL counts commits per database, not per client, so the consumers' share is what the
 * same load costs with them running minus what it costs with their delivery stopped (the writes,
 * the relay's marks), each net of the commits an idle server makes in the same time (heartbeats,
 * gauges), measured {@link #idleCommitsPerSecond once}. A backend reports its counts to the shared
 * statistics at most once a second, and an idle one up to {@link #STATS_FLUSH} later, so each
 * reading follows a pause of that length.
 */
final class Transactions {

    /**
     * Per event: PostgreSQL two-phase commits; per delivery (event and consumer): consumer
     * statements and consumer commits; per order: every commit the database made for it.
     */
    record Cost(
            String mode,
            int offeredPerSec,
            long events,
            double twoPhaseCommitsPerEvent,
            double statementsPerDelivery,
            double commitsPerOrder,
            double commitsPerDelivery) {}

    /**
     * How long an idle backend may hold its statistics before they reach {@code pg_stat_database}.
     */
    static final Duration STATS_FLUSH = Duration.ofSeconds(11);

    private static final int CONSUMERS = ConsumerName.values().length;

    /**
     * Tables only the consumers write; the benchmark's own reads also join the outbox and orders.
     */
    private static final String CONSUMER_TABLES =
            "(inbox|consumer_progress|held_event|fulfilment_step"
                    + "|customer_notification|ledger_entry)";

    private final BenchRig rig;
    private final double idleCommitsPerSecond;

    private Transactions(BenchRig rig, double idleCommitsPerSecond) {
        this.rig = rig;
        this.idleCommitsPerSecond = idleCommitsPerSecond;
    }

    /** Measures the commits an idle server makes a second, then returns a measurer. */
    static Transactions withIdleRate(BenchRig rig) throws Exception {
        rig.relayBench().awaitRelayDrained();
        Thread.sleep(STATS_FLUSH.toMillis()); // what came before is counted before the window
        Counted idle = counted(rig, () -> Thread.sleep(STATS_FLUSH.toMillis()));
        return new Transactions(rig, idle.commits() / idle.seconds());
    }

    double idleCommitsPerSecond() {
        return idleCommitsPerSecond;
    }

    /**
     * Offers {@code mode} at {@code rate} for {@code duration} twice: with the consumers running
     * (counted until every event took its three effects), then with their delivery stopped (counted
     * until the relay has nothing pending; the queues are purged after).
     */
    Cost measure(String mode, int rate, Duration duration) throws Exception {
        BenchTopology topology = rig.topology();
        try (Connection db = topology.databaseAsSuperuser();
                Statement s = db.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
        String prefix = "t-" + mode + "-" + System.nanoTime() % 100000;
        EndToEnd.Result[] applied = new EndToEnd.Result[1];
        long[] ordersWith = new long[1];
        Counted with =
                counted(
                        rig,
                        () -> {
                            ordersWith[0] =
                                    rig.driver().openLoop(mode, prefix, rate, duration).accepted();
                            applied[0] = EndToEnd.measure(topology, prefix, Duration.ofSeconds(60));
                        });
        long twoPhase;
        long consumerStatements;
        try (Connection db = topology.databaseAsSuperuser();
                Statement s = db.createStatement()) {
            twoPhase =
                    sum(
                            s,
                            "select coalesce(sum(calls), 0) from pg_stat_statements "
                                    + "where query ilike 'commit prepared%'");
            consumerStatements =
                    sum(
                            s,
                            "select coalesce(sum(calls), 0) from pg_stat_statements "
                                    + "where query ~* '\\m"
                                    + CONSUMER_TABLES
                                    + "\\M' and query !~* '\\m(outbox_event|customer_order)\\M' "
                                    + "and query !~* '^\\s*delete'");
        }
        rig.relayBench().pauseConsumers();
        long[] ordersWithout = new long[1];
        Counted without;
        try {
            without =
                    counted(
                            rig,
                            () -> {
                                ordersWithout[0] =
                                        rig.driver()
                                                .openLoop(mode, prefix + "p", rate, duration)
                                                .accepted();
                                rig.relayBench().awaitRelayDrained();
                            });
        } finally {
            topology.purgeConsumerQueues();
            rig.relayBench().resumeConsumers();
        }
        long events = applied[0].events();
        double perOrderWithout = net(without) / Math.max(1, ordersWithout[0]);
        double consumerCommits = net(with) - perOrderWithout * ordersWith[0];
        return new Cost(
                mode,
                rate,
                events,
                events == 0 ? -1 : (double) twoPhase / events,
                events == 0 ? -1 : (double) consumerStatements / (events * CONSUMERS),
                ordersWith[0] == 0 ? -1 : net(with) / ordersWith[0],
                events == 0 ? -1 : consumerCommits / (events * CONSUMERS));
    }

    /** The commits counted, less what an idle server would have made meanwhile. */
    private double net(Counted c) {
        return c.commits() - idleCommitsPerSecond * c.seconds();
    }

    /** Commits PostgreSQL counted over a piece of work and the pause after it, and the seconds. */
    private record Counted(long commits, double seconds) {}

    /** A piece of measured work. */
    private interface Work {
        void run() throws Exception;
    }

    private static Counted counted(BenchRig rig, Work work) throws Exception {
        long before = commits(rig.topology());
        long started = System.nanoTime();
        work.run();
        Thread.sleep(STATS_FLUSH.toMillis());
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Counted(commits(rig.topology()) - before, seconds);
    }

    private static long commits(BenchTopology topology) throws SQLException {
        try (Connection db = topology.databaseAsSuperuser();
                Statement s = db.createStatement()) {
            return sum(
                    s,
                    "select xact_commit from pg_stat_database where datname = current_database()");
        }
    }

    private static long sum(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
