package org.outboxlab.lab.bench;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Whether the product keeps up with an offered rate: the rate is offered for a warm-up and then a
 * measured window; every second of the window the backlog (outbox rows still pending plus the
 * messages in the consumers' queues, delivered or not, unacknowledged) is read, and its slope over
 * the window (least squares, events a second) says whether it stayed flat. A rate is sustained when
 * the backlog grew by at most {@link #FLAT_SHARE} of the offered rate a second and the writers
 * achieved the rate; a row measures the product at that rate, not the length of the run.
 */
final class SteadyState {

    /** The share of the offered rate the backlog may grow by a second and still count as flat. */
    static final double FLAT_SHARE = 0.02;

    /** The share of the offered rate the writers must achieve. */
    static final double ACHIEVED_SHARE = 0.95;

    private static final List<String> QUEUES =
            List.of("FulfilmentEvents", "NotificationEvents", "LedgerEvents");

    record Row(
            String mode,
            int offeredPerSec,
            double achievedPerSec,
            int seconds,
            long backlogAtStart,
            long backlogAtEnd,
            double backlogSlopePerSec,
            Map<String, Double> deliveriesPerSec,
            EndToEnd.Result latency,
            boolean sustained) {}

    private SteadyState() {}

    static Row measure(
            BenchTopology topology,
            LoadDriver driver,
            String mode,
            int rate,
            Duration warmup,
            Duration window)
            throws Exception {
        String prefix = "s-" + mode + "-" + rate + "-" + System.nanoTime() % 100000;
        ExecutorService load = Executors.newSingleThreadExecutor();
        try {
            Future<LoadDriver.Outcome> offered =
                    load.submit(() -> driver.openLoop(mode, prefix, rate, warmup.plus(window)));
            Thread.sleep(warmup.toMillis());
            ServerTimers before = ServerTimers.read(Benchmark.METRICS);
            List<double[]> samples = new ArrayList<>();
            long start = System.nanoTime();
            long next = start;
            while (System.nanoTime() - start < window.toNanos()) {
                samples.add(new double[] {(System.nanoTime() - start) / 1e9, backlog(topology)});
                next += TimeUnit.SECONDS.toNanos(1);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ServerTimers after = ServerTimers.read(Benchmark.METRICS);
            LoadDriver.Outcome o = offered.get(window.toSeconds() + 120, TimeUnit.SECONDS);
            EndToEnd.Result latency = EndToEnd.measure(topology, prefix, Duration.ofSeconds(120));
            double slope = slope(samples);
            boolean sustained =
                    slope <= FLAT_SHARE * rate && o.ordersPerSec() >= ACHIEVED_SHARE * rate;
            return new Row(
                    mode,
                    rate,
                    o.ordersPerSec(),
                    (int) Math.round(seconds),
                    (long) samples.get(0)[1],
                    (long) samples.get(samples.size() - 1)[1],
                    slope,
                    after.deliveriesPerSecSince(before, seconds),
                    latency,
                    sustained);
        } finally {
            load.shutdownNow();
        }
    }

    /** Events written and not yet taken off every consumer's queue. */
    private static long backlog(BenchTopology topology) throws Exception {
        long pending;
        try (java.sql.Connection db = topology.database();
                Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select count(*) from outbox_event where status = 'PENDING'")) {
            rs.next();
            pending = rs.getLong(1);
        }
        long queued = 0;
        for (String queue : QUEUES) {
            Object count = topology.manageBroker("queue." + queue, "countMessages");
            queued += Long.parseLong(String.valueOf(count).replaceAll("\\D", ""));
        }
        return pending + queued;
    }

    /** The least-squares slope of {@code samples}' {time, value} pairs. */
    static double slope(List<double[]> samples) {
        int n = samples.size();
        if (n < 2) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        for (double[] p : samples) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double num = 0;
        double den = 0;
        for (double[] p : samples) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? Double.NaN : num / den;
    }
}
