package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Locale;

/**
 * Phase {@code hotkey}: OUTBOX closed loop on the skewed catalogue of {@code --skus} and {@code
 * --skew} against a uniform one ({@link HotKeyBench}). Writes bench.json's {@code hotKey}, with
 * {@code skewedToUniform} at the most clients.
 */
final class HotKeyPhase {

    private final BenchRig rig;

    HotKeyPhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        BenchOptions options = rig.options();
        HotKeyBench.Result r =
                HotKeyBench.measure(
                        rig.topology(),
                        rig.driver(),
                        rig.relayBench(),
                        Catalogue.zipf(options.skus, options.skew),
                        options.hotClients,
                        Duration.ofSeconds(options.seconds));
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (HotKeyBench.Row row : r.rows()) {
            rows.add(
                    Json.createObjectBuilder()
                            .add("catalogue", row.catalogue())
                            .add("clients", row.clients())
                            .add("ordersPerSec", round(row.outcome().ordersPerSec()))
                            .add("p50Ms", round(row.outcome().latencies().percentileMs(50)))
                            .add("p99Ms", round(row.outcome().latencies().percentileMs(99)))
                            .add("refused", row.outcome().failed()));
        }
        progress(
                String.format(
                        Locale.ROOT,
                        "hot key: %d products, skew %.2f (top product %.1f %% of orders): skewed/uniform %.2f at the most clients",
                        r.skewed().size(),
                        r.skewed().skew(),
                        100 * r.skewed().topShare(),
                        r.skewedToUniform()));
        bench.add(
                "hotKey",
                Json.createObjectBuilder()
                        .add("skus", r.skewed().size())
                        .add("skew", r.skewed().skew())
                        .add("topProductShare", round2(r.skewed().topShare()))
                        .add("skewedToUniform", round2(r.skewedToUniform()))
                        .add("rows", rows));
    }
}
