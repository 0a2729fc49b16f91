package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Locale;
import org.outboxlab.contract.WriteMode;

/**
 * Phase {@code write}: each benchmarked mode's write transactions, closed loop at each of {@code
 * --clients}, after the relay drained what the previous run left. Writes bench.json's {@code
 * writePath} and remembers the best rate of a mode that leaves its row for the relay, from which
 * the end-to-end phase derives its last offered rate.
 */
final class WritePhase {

    private final BenchRig rig;
    private double bestOutboxRate = Double.NaN;

    WritePhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        Duration seconds = Duration.ofSeconds(rig.options().seconds);
        for (int c : rig.options().clients) {
            for (WriteMode mode : WriteMode.BENCHMARKED) {
                rig.relayBench().awaitRelayDrained();
                LoadDriver.Outcome o =
                        rig.driver()
                                .closedLoop(
                                        mode.name(),
                                        "w-" + mode.name() + "-" + c,
                                        c,
                                        Duration.ofSeconds(2),
                                        seconds);
                progress(
                        String.format(
                                Locale.ROOT,
                                "write path  %-8s %2d clients: %7.1f orders/s  p50 %6.1f ms  p99 %6.1f ms  (%d refused)",
                                mode.name(),
                                c,
                                o.ordersPerSec(),
                                o.latencies().percentileMs(50),
                                o.latencies().percentileMs(99),
                                o.failed()));
                rows.add(
                        Json.createObjectBuilder()
                                .add("mode", mode.name())
                                .add("clients", c)
                                .add("ordersPerSec", round(o.ordersPerSec()))
                                .add("p50Ms", round(o.latencies().percentileMs(50)))
                                .add("p99Ms", round(o.latencies().percentileMs(99)))
                                .add("refused", o.failed()));
                if (mode.leavesRowForRelay()) {
                    bestOutboxRate =
                            Double.isNaN(bestOutboxRate)
                                    ? o.ordersPerSec()
                                    : Math.max(bestOutboxRate, o.ordersPerSec());
                }
            }
        }
        bench.add("writePath", rows);
    }

    /** The best closed-loop rate of OUTBOX measured, or NaN if the phase did not run. */
    double bestOutboxRate() {
        return bestOutboxRate;
    }
}
