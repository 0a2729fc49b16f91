package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Phase {@code cluster} ({@code --nodes}): for each node count a fresh topology of its own ({@link
 * ClusterBench}): the relay shared by the nodes drained warm, each node's share and the machine's
 * CPU meanwhile, then OUTBOX end to end at {@code --cluster-rate}. Writes bench.json's {@code
 * cluster}, with the most nodes' drain rate against one node's.
 */
final class ClusterPhase {

    private ClusterPhase() {}

    /**
     * The relay shared by each node count: drain rate, each node's share, commit-to-effect latency
     * at the offered rate; and the drain rate of the most nodes against one node's.
     */
    static JsonObjectBuilder measure(Path root, BenchOptions options, Duration seconds)
            throws Exception {
        JsonArrayBuilder runs = Json.createArrayBuilder();
        Map<Integer, Double> drain = new LinkedHashMap<>();
        for (int nodes : options.nodeCounts()) {
            progress(
                    "cluster: starting PostgreSQL, Artemis ("
                            + options.clusterBroker.name().toLowerCase(Locale.ROOT)
                            + ") and "
                            + nodes
                            + " WildFly node(s) ...");
            ClusterBench.Result r =
                    ClusterBench.measure(
                            root,
                            nodes,
                            options.clusterBroker == BenchOptions.ClusterBroker.PAIR,
                            options.clusterBacklog,
                            options.clusterRate,
                            Catalogue.zipf(options.skus, options.skew),
                            seconds,
                            options.jfr == null ? null : options.jfr.toAbsolutePath());
            drain.put(nodes, r.drainPerSec());
            JsonObjectBuilder shares = Json.createObjectBuilder();
            StringBuilder shareText = new StringBuilder();
            r.shares()
                    .forEach(
                            (node, count) -> {
                                double share = 100.0 * count / r.drained();
                                shares.add(node, round(share));
                                shareText.append(
                                        String.format(Locale.ROOT, " %s %.1f %%", node, share));
                            });
            progress(
                    String.format(
                            Locale.ROOT,
                            "cluster %d node(s): relay drained %d events at %.0f/s (median; rounds %s; published by%s); "
                                    + "OUTBOX offered %d/s achieved %.1f/s, commit to effect p50 %.1f p99 %.1f ms",
                            nodes,
                            r.backlog(),
                            r.drainPerSec(),
                            r.drainRounds().stream()
                                    .map(d -> String.format(Locale.ROOT, "%.0f", d))
                                    .toList(),
                            shareText,
                            r.offered(),
                            r.achievedPerSec(),
                            r.endToEnd().p50(),
                            r.endToEnd().p99()));
            JsonArrayBuilder rounds = Json.createArrayBuilder();
            r.drainRounds().forEach(d -> rounds.add(round(d)));
            JsonObjectBuilder cpu = Json.createObjectBuilder();
            StringBuilder cpuText = new StringBuilder();
            double cpuTotal = r.drainCpuSeconds().values().stream().mapToDouble(d -> d).sum();
            r.drainCpuSeconds()
                    .forEach(
                            (part, s) -> {
                                cpu.add(part, round2(s));
                                cpuText.append(String.format(Locale.ROOT, " %s %.1f", part, s));
                            });
            JsonObjectBuilder jvm = Json.createObjectBuilder();
            StringBuilder jvmText = new StringBuilder();
            r.drainJvm()
                    .forEach(
                            (node, c) -> {
                                jvm.add(
                                        node,
                                        Json.createObjectBuilder()
                                                .add("compileSeconds", round2(c.compileSeconds()))
                                                .add("gcSeconds", round2(c.gcSeconds())));
                                jvmText.append(
                                        String.format(
                                                Locale.ROOT,
                                                " %s JIT %.1f GC %.1f",
                                                node,
                                                c.compileSeconds(),
                                                c.gcSeconds()));
                            });
            progress(
                    String.format(
                            Locale.ROOT,
                            "cluster %d node(s), warm after %d warm-up backlog(s): CPU while"
                                    + " draining (s):%s; %.0f µs of CPU per event; of it (s):%s",
                            nodes,
                            r.warmUps(),
                            cpuText,
                            cpuTotal * 1e6 / r.drained(),
                            jvmText));
            runs.add(
                    Json.createObjectBuilder()
                            .add("nodes", nodes)
                            .add("drainCpuSeconds", cpu)
                            .add("drainJvmSeconds", jvm)
                            .add("warmUpBacklogs", r.warmUps())
                            .add("backlog", r.backlog())
                            .add("drainEventsPerSec", round(r.drainPerSec()))
                            .add("drainRoundsPerSec", rounds)
                            .add("cpuMicrosPerEvent", round(cpuTotal * 1e6 / r.drained()))
                            .add("sharePercent", shares)
                            .add("offeredPerSec", r.offered())
                            .add("achievedPerSec", round(r.achievedPerSec()))
                            .add("e2eP50Ms", round(r.endToEnd().p50()))
                            .add("e2eP99Ms", round(r.endToEnd().p99()))
                            .add("e2eEvents", r.endToEnd().events()));
        }
        JsonObjectBuilder cluster =
                Json.createObjectBuilder()
                        .add("broker", options.clusterBroker.name().toLowerCase(Locale.ROOT))
                        .add("runs", runs);
        if (drain.containsKey(1) && drain.size() > 1) {
            int most = drain.keySet().stream().mapToInt(Integer::intValue).max().orElse(1);
            double ratio = drain.get(most) / drain.get(1);
            progress(
                    String.format(
                            Locale.ROOT,
                            "cluster: %d nodes drained at %.2f x one node's rate (same two cores)",
                            most,
                            ratio));
            cluster.add("drainRatioMostToOne", round2(ratio));
        }
        return cluster;
    }
}
