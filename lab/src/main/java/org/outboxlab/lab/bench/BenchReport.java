package org.outboxlab.lab.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.outboxlab.contract.WriteMode;

/**
 * Writes a benchmark's figures as bench.json, a Markdown table with the ratios and targets, and a
 * chart.
 */
final class BenchReport {

    /** The modes the report's ratios and targets name. */
    private static final String OUTBOX = WriteMode.OUTBOX.name();

    private static final String XA = WriteMode.XA.name();
    private static final String BASELINE = WriteMode.BASELINE.name();

    private BenchReport() {}

    static void write(JsonObject bench, Path dir) throws IOException {
        Files.createDirectories(dir);
        JsonWriterFactory pretty =
                Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (Writer w = Files.newBufferedWriter(dir.resolve("bench.json"));
                JsonWriter json = pretty.createWriter(w)) {
            json.writeObject(bench);
        }
        Files.writeString(dir.resolve("bench.md"), markdown(bench));
        if (bench.containsKey("writePath")) {
            System.setProperty("java.awt.headless", "true");
            ImageIO.write(BenchChart.draw(bench), "png", dir.resolve("bench.png").toFile());
        }
    }

    static String markdown(JsonObject bench) {
        StringBuilder md = new StringBuilder("# Benchmark\n\n");
        md.append("Generated ")
                .append(bench.getString("generatedAt"))
                .append(" on ")
                .append(bench.getJsonObject("environment").getInt("cores"))
                .append(" cores; ")
                .append(bench.getJsonObject("environment").getString("note"))
                .append(".\n\n");
        if (bench.containsKey("writePath")) {
            singleNode(md, bench);
        }
        if (bench.containsKey("hotKey")) {
            hotKey(md, bench.getJsonObject("hotKey"));
        }
        if (bench.containsKey("cluster")) {
            cluster(md, bench.getJsonObject("cluster"));
        }
        return md.toString();
    }

    /** OUTBOX writes on a skewed catalogue against a uniform one, per client count. */
    private static void hotKey(StringBuilder md, JsonObject hot) {
        md.append(
                String.format(
                        Locale.ROOT,
                        "\n## Hot key (OUTBOX closed loop, %d products, Zipf skew %s: the top"
                                + " product takes %.0f %% of orders)\n\n| clients | uniform orders/s"
                                + " (p50/p99 ms) | skewed orders/s (p50/p99 ms) |\n|---|---|---|\n",
                        hot.getInt("skus"),
                        hot.getJsonNumber("skew"),
                        100 * hot.getJsonNumber("topProductShare").doubleValue()));
        Map<Integer, Map<String, JsonObject>> byClients = new LinkedHashMap<>();
        for (JsonObject row : hot.getJsonArray("rows").getValuesAs(JsonObject.class)) {
            byClients
                    .computeIfAbsent(row.getInt("clients"), c -> new LinkedHashMap<>())
                    .put(row.getString("catalogue"), row);
        }
        byClients.forEach(
                (clients, rows) -> {
                    md.append("| ").append(clients);
                    for (String catalogue : List.of("uniform", "skewed")) {
                        JsonObject r = rows.get(catalogue);
                        md.append(" | ").append(throughputCell(r));
                    }
                    md.append(" |\n");
                });
        md.append("\n| target | measured | met |\n|---|---|---|\n");
        target(
                md,
                "skewed ≥ 0.8 × uniform write throughput at the most clients",
                hot.getJsonNumber("skewedToUniform").doubleValue(),
                0.8);
    }

    /** The relay shared by nodes: one row per node count, and the target. */
    private static void cluster(StringBuilder md, JsonObject cluster) {
        md.append(
                "\n## Cluster (the relay shared by nodes on the same machine)\n\n| nodes | drained events/s"
                        + " (median) | rounds | CPU µs per event | share per node % | OUTBOX offered/s"
                        + " | achieved/s | commit to effect p50 ms | p99 ms |\n"
                        + "|---|---|---|---|---|---|---|---|---|\n");
        boolean even = true;
        for (JsonObject run : cluster.getJsonArray("runs").getValuesAs(JsonObject.class)) {
            JsonObject shares = run.getJsonObject("sharePercent");
            StringBuilder text = new StringBuilder();
            for (String node : shares.keySet()) {
                double share = shares.getJsonNumber(node).doubleValue();
                text.append(text.length() == 0 ? "" : ", ").append(node).append(' ').append(share);
                if (run.getInt("nodes") == 2 && (share < 40 || share > 60)) {
                    even = false;
                }
            }
            md.append("| ")
                    .append(run.getInt("nodes"))
                    .append(" | ")
                    .append(run.getJsonNumber("drainEventsPerSec"))
                    .append(" | ")
                    .append(
                            run.containsKey("drainRoundsPerSec")
                                    ? run.getJsonArray("drainRoundsPerSec").stream()
                                            .map(Object::toString)
                                            .collect(java.util.stream.Collectors.joining(", "))
                                    : "-")
                    .append(" | ")
                    .append(
                            run.containsKey("cpuMicrosPerEvent")
                                    ? run.getJsonNumber("cpuMicrosPerEvent").toString()
                                    : "-")
                    .append(" | ")
                    .append(text)
                    .append(" | ")
                    .append(run.getInt("offeredPerSec"))
                    .append(" | ")
                    .append(run.getJsonNumber("achievedPerSec"))
                    .append(" | ")
                    .append(run.getJsonNumber("e2eP50Ms"))
                    .append(" | ")
                    .append(run.getJsonNumber("e2eP99Ms"))
                    .append(" |\n");
        }
        if (cluster.containsKey("drainRatioMostToOne")) {
            md.append("\n| target | measured | met |\n|---|---|---|\n");
            target(
                    md,
                    "most nodes drain ≥ 0.9 × one node's rate (same cores)",
                    cluster.getJsonNumber("drainRatioMostToOne").doubleValue(),
                    0.9);
            for (JsonObject run : cluster.getJsonArray("runs").getValuesAs(JsonObject.class)) {
                if (run.getInt("nodes") == 2) {
                    target(
                            md,
                            "two nodes achieve ≥ 0.95 × the offered "
                                    + run.getInt("offeredPerSec")
                                    + " OUTBOX orders/s end to end",
                            run.getJsonNumber("achievedPerSec").doubleValue()
                                    / run.getInt("offeredPerSec"),
                            0.95);
                }
            }
            md.append("| two nodes each publish 40–60 % | ")
                    .append(even ? "yes" : "no")
                    .append(" | ")
                    .append(even ? "yes" : "no")
                    .append(" |\n");
        }
    }

    private static void singleNode(StringBuilder md, JsonObject bench) {
        md.append("## Write path (closed loop, orders/s, p50/p99 ms)\n\n| clients | ");
        WriteMode.BENCHMARKED.forEach(mode -> md.append(mode.name()).append(" | "));
        md.append(OUTBOX).append('/').append(BASELINE).append(" | ");
        md.append(OUTBOX).append('/').append(XA).append(" |\n|---|");
        md.append("---|".repeat(WriteMode.BENCHMARKED.size() + 2)).append('\n');
        Map<Integer, Map<String, JsonObject>> byClients = new LinkedHashMap<>();
        for (JsonObject row : bench.getJsonArray("writePath").getValuesAs(JsonObject.class)) {
            byClients
                    .computeIfAbsent(row.getInt("clients"), c -> new LinkedHashMap<>())
                    .put(row.getString("mode"), row);
        }
        byClients.forEach(
                (clients, modes) -> {
                    md.append("| ").append(clients);
                    for (WriteMode mode : WriteMode.BENCHMARKED) {
                        JsonObject r = modes.get(mode.name());
                        md.append(" | ").append(throughputCell(r));
                    }
                    md.append(" | ")
                            .append(ratio(modes, OUTBOX, BASELINE))
                            .append(" | ")
                            .append(ratio(modes, OUTBOX, XA))
                            .append(" |\n");
                });
        JsonObject relay = bench.getJsonObject("relay");
        md.append("\n## Relay (backlog ")
                .append(relay.getInt("backlog"))
                .append(", batch ")
                .append(relay.getInt("batchSize"))
                .append(
                        ")\n\n| relay events/s | raw Artemis producer msgs/s | relay/raw |\n|---|---|---|\n| ")
                .append(relay.getJsonNumber("eventsPerSec"))
                .append(" | ")
                .append(relay.getJsonNumber("rawBrokerEventsPerSec"))
                .append(" | ")
                .append(relay.getJsonNumber("ratioToRaw"))
                .append(" |\n");
        if (relay.containsKey("byLanes")) {
            md.append("\n| relay lanes (batch ")
                    .append(relay.getInt("batchSize"))
                    .append(
                            ", warm) | events/s | claim / publish and broker commit / mark and commit, mean ms |\n|---|---|---|\n");
            for (JsonObject l : relay.getJsonArray("byLanes").getValuesAs(JsonObject.class)) {
                JsonObject steps = l.getJsonObject("serverStepsMeanMs");
                md.append("| ")
                        .append(l.getInt("lanes"))
                        .append(" | ")
                        .append(l.getJsonNumber("eventsPerSec"))
                        .append(" | ")
                        .append(steps.getOrDefault("relayClaim", Json.createValue(-1)))
                        .append(" / ")
                        .append(
                                steps.getOrDefault(
                                        "relayPublishAndBrokerCommit", Json.createValue(-1)))
                        .append(" / ")
                        .append(steps.getOrDefault("relayMarkAndDbCommit", Json.createValue(-1)))
                        .append(" |\n");
            }
            md.append("\nAt ")
                    .append(relay.getInt("lanes"))
                    .append(" lanes, rows without a stored message body (built at publish): ")
                    .append(relay.getJsonNumber("bodiesBuiltAtPublishEventsPerSec"))
                    .append(" events/s.\n");
        }
        md.append("\n| batch size | events/s |\n|---|---|\n");
        for (JsonObject s : relay.getJsonArray("sweep").getValuesAs(JsonObject.class)) {
            md.append("| ")
                    .append(s.getInt("batchSize"))
                    .append(" | ")
                    .append(s.getJsonNumber("eventsPerSec"))
                    .append(" |\n");
        }
        md.append(
                "\n## End to end (open loop; commit to last consumer's effect, ms)\n\n| mode | nudge | consumers | offered/s | achieved/s | p50 | p95 | p99 | events | consumer commits per delivery | relay batch, mean ms | delivery lag, mean ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonObject e : bench.getJsonArray("endToEnd").getValuesAs(JsonObject.class)) {
            JsonObject steps =
                    e.containsKey("serverStepsMeanMs")
                            ? e.getJsonObject("serverStepsMeanMs")
                            : JsonObject.EMPTY_JSON_OBJECT;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %d | %s | %s | %s | %s | %d | %s | %s | %s |%n",
                            e.getString("mode"),
                            e.getBoolean("nudge"),
                            batched(e) ? "batched" : "one per transaction",
                            e.getInt("offeredPerSec"),
                            e.getJsonNumber("achievedPerSec"),
                            e.getJsonNumber("p50Ms"),
                            e.getJsonNumber("p95Ms"),
                            e.getJsonNumber("p99Ms"),
                            e.getJsonNumber("events").longValue(),
                            e.containsKey("consumerCommitsPerDelivery")
                                    ? e.getJsonNumber("consumerCommitsPerDelivery").toString()
                                    : "-",
                            step(steps, "relayBatch"),
                            step(steps, "deliveryLag")));
        }
        if (bench.containsKey("steadyState")) {
            md.append(
                    "\n## Steady state (each rate held past a warm-up; sustained while the backlog stays flat)\n\n"
                            + "| mode | offered/s | achieved/s | seconds | backlog start → end | slope, events/s | deliveries/s per consumer | p50 | p99 | sustained |\n"
                            + "|---|---|---|---|---|---|---|---|---|---|\n");
            for (JsonObject r : bench.getJsonArray("steadyState").getValuesAs(JsonObject.class)) {
                StringBuilder deliveries = new StringBuilder();
                r.getJsonObject("deliveriesPerSec")
                        .forEach(
                                (c, v) ->
                                        deliveries
                                                .append(deliveries.isEmpty() ? "" : ", ")
                                                .append(c)
                                                .append(' ')
                                                .append(v));
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %d | %s | %d | %d → %d | %s | %s | %s | %s | %s |%n",
                                r.getString("mode") + (batched(r) ? "" : ", consumers unbatched"),
                                r.getInt("offeredPerSec"),
                                r.getJsonNumber("achievedPerSec"),
                                r.getInt("seconds"),
                                r.getJsonNumber("backlogAtStart").longValue(),
                                r.getJsonNumber("backlogAtEnd").longValue(),
                                r.getJsonNumber("backlogSlopePerSec"),
                                deliveries,
                                r.getJsonNumber("p50Ms"),
                                r.getJsonNumber("p99Ms"),
                                r.getBoolean("sustained") ? "yes" : "no"));
            }
            JsonObject sustained = bench.getJsonObject("sustained");
            md.append("\nHighest sustained rate: ");
            sustained.forEach(
                    (mode, v) ->
                            md.append(mode)
                                    .append(' ')
                                    .append(v.asJsonObject().getInt("ordersPerSec"))
                                    .append(" orders/s; "));
            if (bench.containsKey("sustainedConsumersUnbatched")) {
                bench.getJsonObject("sustainedConsumersUnbatched")
                        .forEach(
                                (mode, v) ->
                                        md.append(mode)
                                                .append(" with the consumers unbatched ")
                                                .append(v.asJsonObject().getInt("ordersPerSec"))
                                                .append(" orders/s; "));
            }
            md.append('\n');
        }
        if (bench.containsKey("idle")) {
            JsonObject idle = bench.getJsonObject("idle");
            md.append(
                            "\n## Idle (one OUTBOX order at a time, commit to third consumer's effect)\n\np50 ")
                    .append(idle.getJsonNumber("p50Ms"))
                    .append(" ms, p99 ")
                    .append(idle.getJsonNumber("p99Ms"))
                    .append(" ms over ")
                    .append(idle.getJsonNumber("events"))
                    .append(" events; median hops (ms): ");
            idle.getJsonObject("hops")
                    .forEach((hop, ms) -> md.append(hop).append(" ").append(ms).append("; "));
            md.append("\n");
            if (idle.containsKey("serverStepsMeanMs")) {
                md.append("\nMean of each step by the server's timers (ms): ");
                idle.getJsonObject("serverStepsMeanMs")
                        .forEach((step, ms) -> md.append(step).append(" ").append(ms).append("; "));
                md.append("\n");
            }
        }
        if (bench.containsKey("relayStrategies")) {
            md.append(
                    "\n## Relay strategies (polling the table against tailing PostgreSQL's WAL)\n\n"
                            + "| strategy | drained events/s | idle p50 ms | idle p99 ms | statements per event "
                            + "| WAL bytes per event | backlog |\n|---|---|---|---|---|---|---|\n");
            for (jakarta.json.JsonValue v : bench.getJsonArray("relayStrategies")) {
                JsonObject row = v.asJsonObject();
                md.append("| ")
                        .append(row.getString("strategy"))
                        .append(" | ")
                        .append(row.getJsonNumber("eventsPerSec"))
                        .append(" | ")
                        .append(row.getJsonNumber("idleP50Ms"))
                        .append(" | ")
                        .append(row.getJsonNumber("idleP99Ms"))
                        .append(" | ")
                        .append(row.getJsonNumber("statementsPerEvent"))
                        .append(" | ")
                        .append(row.getJsonNumber("walBytesPerEvent"))
                        .append(" | ")
                        .append(row.getJsonNumber("backlog"))
                        .append(" |\n");
            }
        }
        if (bench.containsKey("transactions")) {
            md.append(
                    "\n## Transactions (pg_stat_statements, pg_stat_database)\n\n| mode | offered orders/s | two-phase commits per event "
                            + "| consumer statements per delivery | consumer commits per delivery | commits per order | events |\n"
                            + "|---|---|---|---|---|---|---|\n");
            bench.getJsonObject("transactions")
                    .forEach(
                            (mode, v) -> {
                                JsonObject t = v.asJsonObject();
                                md.append("| ")
                                        .append(mode)
                                        .append(" | ")
                                        .append(t.getInt("offeredPerSec", -1))
                                        .append(" | ")
                                        .append(t.getJsonNumber("twoPhaseCommitsPerEvent"))
                                        .append(" | ")
                                        .append(t.getJsonNumber("statementsPerDelivery"))
                                        .append(" | ")
                                        .append(number(t, "commitsPerDelivery"))
                                        .append(" | ")
                                        .append(number(t, "commitsPerOrder"))
                                        .append(" | ")
                                        .append(t.getJsonNumber("events"))
                                        .append(" |\n");
                            });
        }
        if (bench.containsKey("fanOut")) {
            JsonObject f = bench.getJsonObject("fanOut");
            md.append("\n## Fan-out to three consumers (")
                    .append(f.getInt("events"))
                    .append(" events, transactions of ")
                    .append(f.getInt("batchSize"))
                    .append(
                            ")\n\n| three diverts (a copy per queue), events/s "
                                    + "| one multicast address, three shared durable subscriptions, events/s | chosen |\n|---|---|---|\n| ")
                    .append(f.getJsonNumber("diverts"))
                    .append(" | ")
                    .append(f.getJsonNumber("subscriptions"))
                    .append(" | ")
                    .append(f.getString("chosen"))
                    .append(" |\n");
        }
        if (bench.containsKey("groups")) {
            JsonObject g = bench.getJsonObject("groups");
            md.append("\n## Message groups, ")
                    .append(g.getInt("orders"))
                    .append(
                            " distinct orders\n\n| | groups in "
                                    + "FulfilmentEvents | broker heap after GC, MiB |\n|---|---|---|\n| before | | ")
                    .append(g.getJsonNumber("brokerHeapMiBBefore"))
                    .append(" |\n| orders left open | ")
                    .append(g.getJsonNumber("groupsAfterOpenOrders"))
                    .append(" | ")
                    .append(g.getJsonNumber("brokerHeapMiBAfterOpen"))
                    .append(" |\n| orders ended (JMSXGroupSeq -1) | ")
                    .append(g.getJsonNumber("groupsAfterClosingOrders"))
                    .append(" | ")
                    .append(g.getJsonNumber("brokerHeapMiBAfterClosing"))
                    .append(
                            " |\n| orders left open, a queue with the broker's defaults (no buckets: the embedded broker, "
                                    + "or the product before) | ")
                    .append(g.getJsonNumber("groupsWithoutBuckets"))
                    .append(" | ")
                    .append(g.getJsonNumber("brokerHeapMiBWithoutBuckets"))
                    .append(" |\n");
        }
        md.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        Map<String, JsonObject> at16 = byClients.getOrDefault(16, Map.of());
        target(
                md,
                "OUTBOX write ≥ 0.8 × BASELINE at 16 clients",
                ratioValue(at16, OUTBOX, BASELINE),
                0.8);
        target(md, "OUTBOX write ≥ 2 × XA at 16 clients", ratioValue(at16, OUTBOX, XA), 2.0);
        boolean relayMeasured = relay.getJsonNumber("eventsPerSec").doubleValue() > 0;
        target(
                md,
                "relay ≥ 0.9 × raw Artemis producer",
                relayMeasured ? relay.getJsonNumber("ratioToRaw").doubleValue() : Double.NaN,
                0.9);
        target(
                md,
                "relay ≥ 10,000 events/s",
                relayMeasured ? relay.getJsonNumber("eventsPerSec").doubleValue() : Double.NaN,
                10_000);
        double p99At200 = outboxNudgedAt200(bench, "p99Ms");
        double p50At200 = outboxNudgedAt200(bench, "p50Ms");
        atMost(md, "OUTBOX end-to-end p99 ≤ 50 ms at 200/s with the nudge", p99At200, 50, "ms");
        atMost(md, "OUTBOX end-to-end p50 ≤ 15 ms at 200/s with the nudge", p50At200, 15, "ms");
        if (bench.containsKey("idle")) {
            atMost(
                    md,
                    "idle commit to third effect p50 ≤ 10 ms",
                    bench.getJsonObject("idle").getJsonNumber("p50Ms").doubleValue(),
                    10,
                    "ms");
        }
        steadyTargets(md, bench, at16);
        if (bench.containsKey("transactions")
                && bench.getJsonObject("transactions").containsKey(OUTBOX)) {
            JsonObject t = bench.getJsonObject("transactions").getJsonObject(OUTBOX);
            atMost(
                    md,
                    "consumer commits per delivery ≤ 0.3 (OUTBOX at "
                            + t.getInt("offeredPerSec", -1)
                            + "/s, pg_stat_database)",
                    t.containsKey("commitsPerDelivery")
                            ? t.getJsonNumber("commitsPerDelivery").doubleValue()
                            : Double.NaN,
                    0.3,
                    "");
        }
        JsonObject res = bench.getJsonObject("resources");
        md.append("\n## Resources of WildFly\n\npeak CPU ")
                .append(res.getJsonNumber("peakCpuCores"))
                .append(" cores, peak used heap ")
                .append(res.getJsonNumber("peakHeapMiB"))
                .append(" MiB, peak resident memory ")
                .append(res.getJsonNumber("peakRssMiB"))
                .append(" MiB (heap max ")
                .append(res.getInt("heapMaxMiB"))
                .append(" MiB), outbox rows at the end ")
                .append(res.getJsonNumber("outboxRowsAtEnd"))
                .append(".\n");
    }

    /**
     * The steady-state targets: the highest sustained OUTBOX rate against its closed-loop write
     * rate at 16 clients, and OUTBOX held at 200 orders/s (p50, p99, a flat backlog).
     */
    private static void steadyTargets(
            StringBuilder md, JsonObject bench, Map<String, JsonObject> at16) {
        if (!bench.containsKey("sustained")) {
            return;
        }
        int sustained =
                bench.getJsonObject("sustained").getJsonObject(OUTBOX).getInt("ordersPerSec");
        JsonObject write = at16.get(OUTBOX);
        target(
                md,
                "sustained OUTBOX rate ("
                        + sustained
                        + "/s) ≥ 0.9 × its closed-loop write rate at 16 clients",
                write == null
                        ? Double.NaN
                        : sustained / write.getJsonNumber("ordersPerSec").doubleValue(),
                0.9);
        JsonObject at200 = null;
        for (JsonObject r : bench.getJsonArray("steadyState").getValuesAs(JsonObject.class)) {
            if (r.getString("mode").equals(OUTBOX)
                    && batched(r)
                    && r.getInt("offeredPerSec") == 200) {
                at200 = r;
            }
        }
        String window = at200 == null ? "" : " over " + at200.getInt("seconds") + " s";
        atMost(
                md,
                "OUTBOX p50 ≤ 15 ms at 200/s" + window,
                at200 == null ? Double.NaN : at200.getJsonNumber("p50Ms").doubleValue(),
                15,
                "ms");
        atMost(
                md,
                "OUTBOX p99 ≤ 50 ms at 200/s" + window,
                at200 == null ? Double.NaN : at200.getJsonNumber("p99Ms").doubleValue(),
                50,
                "ms");
        md.append("| OUTBOX backlog flat at 200/s")
                .append(window)
                .append(" | ")
                .append(
                        at200 == null
                                ? "not measured"
                                : "slope "
                                        + at200.getJsonNumber("backlogSlopePerSec")
                                        + " events/s")
                .append(" | ")
                .append(at200 == null ? "-" : at200.getBoolean("sustained") ? "yes" : "no")
                .append(" |\n");
    }

    /** A number of {@code o} as text, or "-" when it is absent. */
    private static String number(JsonObject o, String key) {
        return o.containsKey(key) ? o.getJsonNumber(key).toString() : "-";
    }

    private static void atMost(
            StringBuilder md, String name, double measured, double bound, String unit) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(
                        Double.isNaN(measured)
                                ? "not measured"
                                : unit.isEmpty()
                                        ? String.format(Locale.ROOT, "%.2f", measured)
                                        : String.format(Locale.ROOT, "%.1f %s", measured, unit))
                .append(" | ")
                .append(Double.isNaN(measured) ? "-" : measured <= bound ? "yes" : "no")
                .append(" |\n");
    }

    private static String step(JsonObject steps, String name) {
        return steps.containsKey(name) ? steps.get(name).toString() : "-";
    }

    /** A closed-loop row as a table cell: orders/s (p50/p99 ms), or "-" when not measured. */
    private static String throughputCell(JsonObject r) {
        return r == null
                ? "-"
                : String.format(
                        Locale.ROOT,
                        "%.0f (%.1f/%.1f)",
                        r.getJsonNumber("ordersPerSec").doubleValue(),
                        r.getJsonNumber("p50Ms").doubleValue(),
                        r.getJsonNumber("p99Ms").doubleValue());
    }

    private static void target(StringBuilder md, String name, double measured, double bound) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(
                        Double.isNaN(measured)
                                ? "not measured"
                                : String.format(Locale.ROOT, "%.2f", measured))
                .append(" | ")
                .append(Double.isNaN(measured) ? "-" : measured >= bound ? "yes" : "no")
                .append(" |\n");
    }

    /** Whether an end-to-end row ran with the consumers' batching on (the default). */
    static boolean batched(JsonObject endToEndRow) {
        return endToEndRow.getInt("consumerBatchMax", 2) > 1;
    }

    /** The end-to-end {@code percentile} of the nudged relay at 200 offered orders a second. */
    private static double outboxNudgedAt200(JsonObject bench, String percentile) {
        return bench.getJsonArray("endToEnd").getValuesAs(JsonObject.class).stream()
                .filter(
                        e ->
                                e.getString("mode").equals(OUTBOX)
                                        && e.getBoolean("nudge")
                                        && batched(e)
                                        && e.getInt("offeredPerSec") == 200)
                .mapToDouble(e -> e.getJsonNumber(percentile).doubleValue())
                .findFirst()
                .orElse(Double.NaN);
    }

    private static double ratioValue(Map<String, JsonObject> modes, String a, String b) {
        if (modes.get(a) == null || modes.get(b) == null) {
            return Double.NaN;
        }
        double y = modes.get(b).getJsonNumber("ordersPerSec").doubleValue();
        return y <= 0 ? Double.NaN : modes.get(a).getJsonNumber("ordersPerSec").doubleValue() / y;
    }

    private static String ratio(Map<String, JsonObject> modes, String a, String b) {
        if (modes.get(a) == null || modes.get(b) == null) {
            return "-";
        }
        double x = modes.get(a).getJsonNumber("ordersPerSec").doubleValue();
        double y = modes.get(b).getJsonNumber("ordersPerSec").doubleValue();
        return y <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", x / y);
    }
}
