package org.outboxlab.lab.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.outboxlab.contract.WriteMode;

/**
 * The write path against a hot product: OUTBOX orders, closed loop, at each client count, on a
 * skewed catalogue (Zipf, the best seller taking a large share) and on a uniform one over the same
 * products, so the ratio shows what writers lose by meeting on one stock row.
 */
final class HotKeyBench {

    /** One measurement: a catalogue at a client count. */
    record Row(String catalogue, int clients, LoadDriver.Outcome outcome) {}

    /**
     * Every row, and the skewed catalogue's throughput over the uniform one's at the most clients.
     */
    record Result(Catalogue skewed, List<Row> rows, double skewedToUniform) {}

    private HotKeyBench() {}

    static Result measure(
            BenchTopology topology,
            LoadDriver driver,
            RelayBench relay,
            Catalogue skewed,
            int[] clients,
            Duration seconds)
            throws SQLException, InterruptedException {
        try (Connection db = topology.database()) {
            skewed.install(db);
        }
        Catalogue uniform = skewed.uniform();
        List<Row> rows = new ArrayList<>();
        double skewedAtMost = 0;
        double uniformAtMost = 0;
        int most = 0;
        for (int c : clients) {
            most = Math.max(most, c);
        }
        for (int c : clients) {
            for (Catalogue catalogue : List.of(uniform, skewed)) {
                relay.awaitRelayDrained();
                String name = catalogue.skew() == 0 ? "uniform" : "skewed";
                LoadDriver.Outcome o =
                        driver.choosingFrom(catalogue)
                                .closedLoop(
                                        WriteMode.OUTBOX.name(),
                                        "hot-" + name + "-" + c,
                                        c,
                                        Duration.ofSeconds(2),
                                        seconds);
                Benchmark.progress(
                        String.format(
                                java.util.Locale.ROOT,
                                "hot key     OUTBOX %-7s %2d clients: %7.1f orders/s  p50 %6.1f ms  p99 %6.1f ms  (%d refused)",
                                name,
                                c,
                                o.ordersPerSec(),
                                o.latencies().percentileMs(50),
                                o.latencies().percentileMs(99),
                                o.failed()));
                rows.add(new Row(name, c, o));
                if (c == most) {
                    if (catalogue == uniform) {
                        uniformAtMost = o.ordersPerSec();
                    } else {
                        skewedAtMost = o.ordersPerSec();
                    }
                }
            }
        }
        return new Result(skewed, rows, uniformAtMost == 0 ? 0 : skewedAtMost / uniformAtMost);
    }
}
