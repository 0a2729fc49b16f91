package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/**
 * Phase {@code fanout}: the broker alone fanning {@code --fanout-events} out to three consumers,
 * through the product's durable subscriptions and through three diverts ({@link FanOutBench}), with
 * the consumers' delivery stopped. Writes bench.json's {@code fanOut}.
 */
final class FanOutPhase {

    private final BenchRig rig;

    FanOutPhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        int events = rig.options().fanoutEvents;
        int batch = rig.options().batch;
        rig.relayBench().pauseConsumers();
        FanOutBench.Result fanOut = new FanOutBench(rig.topology()).measure(events, batch);
        rig.topology().purgeConsumerQueues();
        progress(
                String.format(
                        Locale.ROOT,
                        "fan-out to three consumers, %d events in transactions of %d: diverts %.0f events/s, "
                                + "shared durable subscriptions %.0f events/s",
                        events,
                        batch,
                        fanOut.divertsPerSec(),
                        fanOut.subscriptionsPerSec()));
        bench.add(
                "fanOut",
                Json.createObjectBuilder()
                        .add("events", events)
                        .add("batchSize", batch)
                        .add("diverts", round(fanOut.divertsPerSec()))
                        .add("subscriptions", round(fanOut.subscriptionsPerSec()))
                        .add("chosen", fanOut.chosen()));
    }
}
