package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Locale;
import org.outboxlab.contract.WriteMode;

/**
 * Phase {@code steady}: climbs {@code --steady-rates} per mode whose every event takes effect until
 * a rate is not sustained ({@link SteadyState}), then OUTBOX once more with the consumers' batching
 * off (after a restart). Writes bench.json's {@code steadyState} rows, {@code sustained.<mode>} and
 * {@code sustainedConsumersUnbatched.OUTBOX}.
 */
final class SteadyPhase {

    private final BenchRig rig;

    SteadyPhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        JsonObjectBuilder sustained = Json.createObjectBuilder();
        for (WriteMode mode : WriteMode.ON_EVERY_DATABASE) {
            if (mode.promisesExactlyOnceEffect()) {
                sustained.add(
                        mode.name(),
                        Json.createObjectBuilder().add("ordersPerSec", climb(mode, rows, false)));
            }
        }
        progress(
                "restarting WildFly with the consumers' batching off (one transaction per delivery) ...");
        rig.restart("-Doutbox.consumer.batch-max=1");
        JsonObjectBuilder unbatched =
                Json.createObjectBuilder()
                        .add(
                                WriteMode.OUTBOX.name(),
                                Json.createObjectBuilder()
                                        .add("ordersPerSec", climb(WriteMode.OUTBOX, rows, true)));
        rig.restart();
        bench.add("steadyState", rows);
        bench.add("sustained", sustained);
        bench.add("sustainedConsumersUnbatched", unbatched);
    }

    /**
     * Offers {@code mode} each rate in turn until one is not sustained; adds a row per rate to
     * {@code rows} and returns the highest sustained rate (0 if none).
     */
    private int climb(WriteMode mode, JsonArrayBuilder rows, boolean unbatched) throws Exception {
        BenchOptions options = rig.options();
        int best = 0;
        for (int rate : options.steadyRates) {
            SteadyState.Row r =
                    SteadyState.measure(
                            rig.topology(),
                            rig.driver(),
                            mode.name(),
                            rate,
                            Duration.ofSeconds(options.warmupSeconds),
                            Duration.ofSeconds(options.steadySeconds));
            progress(
                    String.format(
                            Locale.ROOT,
                            "steady state %-6s offered %4d/s over %d s: achieved %6.1f/s, backlog %d -> %d"
                                    + " (slope %+.1f events/s), deliveries/s %s, p50 %.1f p99 %.1f ms: %s",
                            mode.name() + (unbatched ? " (consumers unbatched)" : ""),
                            rate,
                            r.seconds(),
                            r.achievedPerSec(),
                            r.backlogAtStart(),
                            r.backlogAtEnd(),
                            r.backlogSlopePerSec(),
                            r.deliveriesPerSec(),
                            r.latency().p50(),
                            r.latency().p99(),
                            r.sustained() ? "sustained" : "not sustained"));
            JsonObjectBuilder deliveries = Json.createObjectBuilder();
            r.deliveriesPerSec().forEach((c, v) -> deliveries.add(c, round(v)));
            JsonObjectBuilder row =
                    Json.createObjectBuilder()
                            .add("mode", mode.name())
                            .add("offeredPerSec", rate)
                            .add("achievedPerSec", round(r.achievedPerSec()))
                            .add("seconds", r.seconds())
                            .add("warmupSeconds", options.warmupSeconds)
                            .add("backlogAtStart", r.backlogAtStart())
                            .add("backlogAtEnd", r.backlogAtEnd())
                            .add("backlogSlopePerSec", round2(r.backlogSlopePerSec()))
                            .add("deliveriesPerSec", deliveries)
                            .add("p50Ms", round(r.latency().p50()))
                            .add("p99Ms", round(r.latency().p99()))
                            .add("sustained", r.sustained());
            if (unbatched) {
                row.add("consumerBatchMax", 1);
            }
            rows.add(row);
            if (!r.sustained()) {
                break;
            }
            best = rate;
        }
        return best;
    }
}
