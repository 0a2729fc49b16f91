package org.outboxlab.lab.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.outboxlab.contract.WriteMode;

/**
 * One OUTBOX order at a time on an otherwise idle server: commit to the third consumer's effect,
 * and where that time goes, hop by hop, from the timestamps the database holds: the event's commit
 * ({@code occurred_at}), the relay's broker commit ({@code published_at}), the first consumer's
 * effect and the third's ({@code applied_at}); and the mean of each step as the server's own timers
 * saw it (relay wake-up after the commit, claim, publish and broker commit, mark and database
 * commit, delivery lag, the consumer's apply and commit).
 */
final class IdleLatency {

    /** Percentiles of commit to third effect, and the median ms of each hop. */
    record Result(
            double p50Ms,
            double p99Ms,
            long events,
            Map<String, Double> hopMedianMs,
            Map<String, Double> stepMeanMs) {}

    private IdleLatency() {}

    static Result measure(BenchTopology topology, LoadDriver driver, int orders)
            throws SQLException, InterruptedException, java.io.IOException {
        String prefix = "idle-" + System.nanoTime() % 100000;
        ServerTimers before = ServerTimers.read(Benchmark.METRICS);
        for (int i = 0; i < orders; i++) {
            String customer = prefix + "-" + i;
            driver.placeOne(WriteMode.OUTBOX.name(), customer);
            EndToEnd.measure(topology, customer, Duration.ofSeconds(10));
            Thread.sleep(100);
        }
        Map<String, Double> steps = ServerTimers.read(Benchmark.METRICS).meanMsSince(before);
        try (Connection db = topology.database();
                PreparedStatement ps =
                        db.prepareStatement(
                                "select "
                                        + "percentile_cont(0.5) within group (order by total), percentile_cont(0.99) within group (order by total), "
                                        + "count(*), percentile_cont(0.5) within group (order by relay), "
                                        + "percentile_cont(0.5) within group (order by first_effect), "
                                        + "percentile_cont(0.5) within group (order by last_effect) from ("
                                        + "select extract(epoch from greatest(f.applied_at, n.applied_at, l.applied_at) - e.occurred_at) * 1000 as total, "
                                        + "extract(epoch from e.published_at - e.occurred_at) * 1000 as relay, "
                                        + "extract(epoch from least(f.applied_at, n.applied_at, l.applied_at) - e.published_at) * 1000 as first_effect, "
                                        + "extract(epoch from greatest(f.applied_at, n.applied_at, l.applied_at) "
                                        + "- least(f.applied_at, n.applied_at, l.applied_at)) * 1000 as last_effect "
                                        + "from outbox_event e join customer_order o on o.id = e.aggregate_id "
                                        + "join fulfilment_step f on f.event_id = e.event_id join customer_notification n on n.event_id = e.event_id "
                                        + "join ledger_entry l on l.event_id = e.event_id where o.customer_id like ?) t")) {
            ps.setString(1, prefix + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Double> hops = new LinkedHashMap<>();
                hops.put("commitToBrokerCommit", rs.getDouble(4));
                hops.put("brokerCommitToFirstEffect", rs.getDouble(5));
                hops.put("firstToThirdEffect", rs.getDouble(6));
                return new Result(rs.getDouble(1), rs.getDouble(2), rs.getLong(3), hops, steps);
            }
        }
    }
}
