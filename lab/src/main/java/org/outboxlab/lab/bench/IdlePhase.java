package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/**
 * Phase {@code idle}: one OUTBOX order at a time on an otherwise idle server ({@link IdleLatency}).
 * Writes bench.json's {@code idle}: commit to third effect, the hops the database can time and the
 * server's mean steps.
 */
final class IdlePhase {

    /** Orders placed one after another. */
    static final int ORDERS = 30;

    private final BenchRig rig;

    IdlePhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        IdleLatency.Result idle = IdleLatency.measure(rig.topology(), rig.driver(), ORDERS);
        JsonObjectBuilder hops = Json.createObjectBuilder();
        idle.hopMedianMs().forEach((hop, ms) -> hops.add(hop, round(ms)));
        JsonObjectBuilder steps = Json.createObjectBuilder();
        idle.stepMeanMs().forEach((step, ms) -> steps.add(step, round2(ms)));
        progress(
                String.format(
                        Locale.ROOT,
                        "idle, one OUTBOX order at a time: commit to third effect p50 %.1f ms, p99 %.1f ms; "
                                + "median hops %s; mean server steps %s",
                        idle.p50Ms(),
                        idle.p99Ms(),
                        idle.hopMedianMs(),
                        idle.stepMeanMs()));
        bench.add(
                "idle",
                Json.createObjectBuilder()
                        .add("p50Ms", round(idle.p50Ms()))
                        .add("p99Ms", round(idle.p99Ms()))
                        .add("events", idle.events())
                        .add("hops", hops)
                        .add("serverStepsMeanMs", steps));
    }
}
