package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.METRICS;
import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;

/**
 * Phase {@code relay}: the relay's drain against a raw Artemis producer, both warm. First the batch
 * sizes of {@code --sweep}; then, at {@code --batch}, the relay with one lane and with the
 * product's default of two ({@code outbox.relay.lanes}), each after a restart and a warm-up drain
 * that is not counted; at the default, the same backlog once more without stored message bodies
 * (rows written before bodies were stored, whose bodies the relay builds as it publishes); last the
 * raw producer, after a warm-up run of its own. Writes bench.json's {@code relay}.
 */
final class RelayPhase {

    /** The lane counts measured; the last is the product's default. */
    static final int[] LANES = {1, 2};

    private final BenchRig rig;
    private final BenchTopology topology;
    private final RelayBench relayBench;
    private final BenchOptions options;

    RelayPhase(BenchRig rig) {
        this.rig = rig;
        this.topology = rig.topology();
        this.relayBench = rig.relayBench();
        this.options = rig.options();
    }

    JsonObject run() throws Exception {
        JsonArrayBuilder sweepRows = Json.createArrayBuilder();
        for (int size : options.sweep) {
            restart("-Doutbox.relay.batch-size=" + size);
            double rate = relayBench.drain("sweep" + size, options.sweepBacklog);
            topology.purgeConsumerQueues();
            progress(
                    String.format(
                            Locale.ROOT,
                            "relay sweep batch %5d: %8.0f events/s (%d events)",
                            size,
                            rate,
                            options.sweepBacklog));
            sweepRows.add(
                    Json.createObjectBuilder()
                            .add("batchSize", size)
                            .add("backlog", options.sweepBacklog)
                            .add("eventsPerSec", round(rate)));
        }
        int batch = options.batch;
        int backlog = options.backlog;
        JsonArrayBuilder laneRows = Json.createArrayBuilder();
        JsonObjectBuilder defaultSteps = Json.createObjectBuilder();
        double relayRate = -1;
        double builtRate = -1;
        for (int lanes : LANES) {
            restart("-Doutbox.relay.batch-size=" + batch, "-Doutbox.relay.lanes=" + lanes);
            relayBench.drain("warm" + lanes, options.sweepBacklog);
            topology.purgeConsumerQueues();
            ServerTimers before = ServerTimers.read(METRICS);
            double rate = relayBench.drain("relay" + lanes, backlog);
            Map<String, Double> steps = ServerTimers.read(METRICS).meanMsSince(before);
            topology.purgeConsumerQueues();
            progress(
                    String.format(
                            Locale.ROOT,
                            "relay, batch %d, %d lane(s), warm: %8.0f events/s draining %d events; "
                                    + "mean server steps per batch (ms) %s",
                            batch,
                            lanes,
                            rate,
                            backlog,
                            steps));
            JsonObjectBuilder relaySteps = Json.createObjectBuilder();
            steps.forEach(
                    (step, ms) -> {
                        if (step.startsWith("relay") && !step.equals("relayWakeup")) {
                            relaySteps.add(step, round2(ms));
                        }
                    });
            JsonObject measuredSteps = relaySteps.build();
            laneRows.add(
                    Json.createObjectBuilder()
                            .add("lanes", lanes)
                            .add("eventsPerSec", round(rate))
                            .add("serverStepsMeanMs", measuredSteps));
            if (lanes == LANES[LANES.length - 1]) {
                relayRate = rate;
                defaultSteps = Json.createObjectBuilder(measuredSteps);
                builtRate = relayBench.drain("built" + lanes, backlog, false);
                topology.purgeConsumerQueues();
                progress(
                        String.format(
                                Locale.ROOT,
                                "relay, batch %d, %d lanes, bodies built at publish: %8.0f events/s",
                                batch,
                                lanes,
                                builtRate));
            }
        }
        relayBench.rawProducer("rawwarm", options.sweepBacklog, batch);
        double rawRate = relayBench.rawProducer("raw", backlog, batch);
        topology.purgeConsumerQueues();
        progress(
                String.format(
                        Locale.ROOT,
                        "raw Artemis producer, transactions of %d, warm: %8.0f messages/s",
                        batch,
                        rawRate));
        return Json.createObjectBuilder()
                .add("backlog", backlog)
                .add("batchSize", batch)
                .add("lanes", LANES[LANES.length - 1])
                .add("eventsPerSec", round(relayRate))
                .add("rawBrokerEventsPerSec", round(rawRate))
                .add("ratioToRaw", round2(relayRate / rawRate))
                .add("serverStepsMeanMs", defaultSteps)
                .add("byLanes", laneRows)
                .add("bodiesBuiltAtPublishEventsPerSec", round(builtRate))
                .add("sweep", sweepRows)
                .build();
    }

    private void restart(String... properties) throws Exception {
        rig.restart(properties);
        relayBench.pauseConsumers();
    }
}
