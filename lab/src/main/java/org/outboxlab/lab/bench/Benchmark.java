package org.outboxlab.lab.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outboxlab.contract.WriteMode;

/**
 * The benchmark: write path per mode and client count against the BASELINE transaction, the relay's
 * drain rate against a raw Artemis producer (and a batch-size sweep), and commit-to-effect latency
 * at fixed offered rates; every comparison measured in the same run, on PostgreSQL and a standalone
 * broker. Prints each figure as it is measured and writes bench.json, bench.md and bench.png. With
 * {@code --jfr DIR} every WildFly run records a JDK Flight Recorder profile into DIR.
 *
 * <p>Arguments: {@code PROJECT_ROOT OUTPUT_DIR [options]}, the options in {@link BenchOptions}
 * ({@code lab/bench.sh --help}). By default the consumers are stopped during the write path, which
 * then measures the write transactions (and the relay, for OUTBOX) without the downstream work
 * competing for the same two cores. Phase {@code groups} (not in the default list: it takes
 * minutes) soaks the broker's message-group state with {@code --group-orders} distinct orders.
 */
public final class Benchmark {

    /** The server's Prometheus metrics on the management interface (port offset 0). */
    static final String METRICS = "http://127.0.0.1:9990/metrics";

    private Benchmark() {}

    /** The end-to-end phase's modes: the compared ones whose every event takes effect. */
    private static List<String> exactlyOnceModes() {
        return WriteMode.COMPARED.stream()
                .filter(WriteMode::promisesExactlyOnceEffect)
                .map(Enum::name)
                .toList();
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Benchmark PROJECT_ROOT OUTPUT_DIR [options]");
            System.exit(2);
        }
        String[] optionArgs = Arrays.copyOfRange(args, 2, args.length);
        if (Arrays.asList(optionArgs).contains("--help")
                || Arrays.asList(optionArgs).contains("-h")) {
            System.out.print(BenchOptions.usage());
            System.exit(0);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(optionArgs);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Duration seconds = Duration.ofSeconds(options.seconds);
        int[] clients = options.clients;
        int[] rates = options.rates;
        int backlog = options.backlog;
        int batch = options.batch;
        List<String> phases = options.phases;
        boolean consumersDuringWrite = options.consumersDuringWrite();
        Path root = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();

        JsonObjectBuilder result =
                Json.createObjectBuilder()
                        .add("generatedAt", Instant.now().toString())
                        .add("consumersDuringWritePath", consumersDuringWrite)
                        .add("environment", environment(seconds));
        Path jfr = options.jfr == null ? null : options.jfr.toAbsolutePath();
        if (options.singleNodePhases()) {
            try (BenchTopology topology =
                            new BenchTopology(root, root.resolve("lab/target/bench"), jfr);
                    ResourceSampler resources = new ResourceSampler()) {
                progress(
                        "starting PostgreSQL, Artemis and WildFly (configured by configure-wildfly.sh) ...");
                topology.start();
                resources.follow(topology.server().pid());
                resources.start();
                LoadDriver driver = new LoadDriver();

                RelayBench relayBench = new RelayBench(topology);
                if (!consumersDuringWrite) {
                    progress(
                            "consumers paused for the write path (stop-delivery): the write transactions and the relay are measured");
                    relayBench.pauseConsumers();
                }
                JsonArrayBuilder writePath = Json.createArrayBuilder();
                Map<String, Double> outboxBest = new LinkedHashMap<>();
                for (int c : phases.contains("write") ? clients : new int[0]) {
                    for (String mode : WriteMode.BENCHMARKED.stream().map(Enum::name).toList()) {
                        relayBench.awaitRelayDrained();
                        LoadDriver.Outcome o =
                                driver.closedLoop(
                                        mode,
                                        "w-" + mode + "-" + c,
                                        c,
                                        Duration.ofSeconds(2),
                                        seconds);
                        progress(
                                String.format(
                                        Locale.ROOT,
                                        "write path  %-8s %2d clients: %7.1f orders/s  p50 %6.1f ms  p99 %6.1f ms  (%d refused)",
                                        mode,
                                        c,
                                        o.ordersPerSec(),
                                        o.latencies().percentileMs(50),
                                        o.latencies().percentileMs(99),
                                        o.failed()));
                        writePath.add(
                                Json.createObjectBuilder()
                                        .add("mode", mode)
                                        .add("clients", c)
                                        .add("ordersPerSec", round(o.ordersPerSec()))
                                        .add("p50Ms", round(o.latencies().percentileMs(50)))
                                        .add("p99Ms", round(o.latencies().percentileMs(99)))
                                        .add("refused", o.failed()));
                        if (WriteMode.valueOf(mode).leavesRowForRelay()) {
                            outboxBest.merge("max", o.ordersPerSec(), Math::max);
                        }
                    }
                }
                result.add("writePath", writePath);
                if (phases.contains("hotkey")) {
                    result.add(
                            "hotKey",
                            hotKey(
                                    HotKeyBench.measure(
                                            topology,
                                            driver,
                                            relayBench,
                                            Catalogue.zipf(options.skus, options.skew),
                                            options.hotClients,
                                            seconds)));
                }
                if (!consumersDuringWrite) {
                    relayBench.awaitRelayDrained();
                    topology.purgeConsumerQueues();
                    relayBench.resumeConsumers();
                }

                if (phases.contains("idle")) {
                    IdleLatency.Result idle = IdleLatency.measure(topology, driver, 30);
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
                    result.add(
                            "idle",
                            Json.createObjectBuilder()
                                    .add("p50Ms", round(idle.p50Ms()))
                                    .add("p99Ms", round(idle.p99Ms()))
                                    .add("events", idle.events())
                                    .add("hops", hops)
                                    .add("serverStepsMeanMs", steps));
                }
                if (phases.contains("transactions")) {
                    JsonObjectBuilder transactions = Json.createObjectBuilder();
                    for (String mode : WriteMode.comparedNames()) {
                        Transactions.Cost cost =
                                Transactions.measure(
                                        topology, driver, mode, 50, Duration.ofSeconds(4));
                        progress(
                                String.format(
                                        Locale.ROOT,
                                        "transactions %-6s: %.2f two-phase commits per event, %.2f consumer statements "
                                                + "per delivery (%d events)",
                                        mode,
                                        cost.twoPhaseCommitsPerEvent(),
                                        cost.statementsPerDelivery(),
                                        cost.events()));
                        transactions.add(
                                mode,
                                Json.createObjectBuilder()
                                        .add("events", cost.events())
                                        .add(
                                                "twoPhaseCommitsPerEvent",
                                                round2(cost.twoPhaseCommitsPerEvent()))
                                        .add(
                                                "statementsPerDelivery",
                                                round2(cost.statementsPerDelivery())));
                    }
                    result.add("transactions", transactions);
                }

                JsonArrayBuilder endToEnd = Json.createArrayBuilder();
                int sustainable =
                        (int) Math.max(50, Math.floor(outboxBest.getOrDefault("max", 100.0) * 0.8));
                int[] offered = Arrays.copyOf(rates, rates.length + 1);
                offered[rates.length] = sustainable;
                if (phases.contains("e2e")) {
                    for (String mode : exactlyOnceModes()) {
                        for (int rate : offered) {
                            endToEnd.add(openLoop(topology, driver, mode, true, rate, seconds));
                        }
                    }
                    // OUTBOX again with one setting off at a time, each against the rows above
                    outboxWith(
                                    topology,
                                    resources,
                                    driver,
                                    offered,
                                    seconds,
                                    "the after-commit nudge off (relay timer only, interval 1000 ms)",
                                    "-Doutbox.relay.nudge=false")
                            .forEach(endToEnd::add);
                    outboxWith(
                                    topology,
                                    resources,
                                    driver,
                                    offered,
                                    seconds,
                                    "the consumers' batching off (one transaction per delivery)",
                                    "-Doutbox.consumer.batch-max=1")
                            .forEach(endToEnd::add);
                    topology.restart();
                    resources.follow(topology.server().pid());
                }
                result.add("endToEnd", endToEnd);
                if (phases.contains("steady")) {
                    steady(topology, driver, options, resources, result);
                }

                JsonObject relay =
                        phases.contains("relay")
                                ? new RelayPhase(topology, resources, relayBench, options).run()
                                : Json.createObjectBuilder()
                                        .add("backlog", backlog)
                                        .add("batchSize", batch)
                                        .add("eventsPerSec", -1)
                                        .add("rawBrokerEventsPerSec", -1)
                                        .add("ratioToRaw", -1)
                                        .add("sweep", Json.createArrayBuilder())
                                        .build();
                if (phases.contains("fanout")) {
                    int events = options.fanoutEvents;
                    relayBench.pauseConsumers();
                    FanOutBench.Result fanOut = new FanOutBench(topology).measure(events, batch);
                    topology.purgeConsumerQueues();
                    progress(
                            String.format(
                                    Locale.ROOT,
                                    "fan-out to three consumers, %d events in transactions of %d: diverts %.0f events/s, "
                                            + "shared durable subscriptions %.0f events/s",
                                    events,
                                    batch,
                                    fanOut.divertsPerSec(),
                                    fanOut.subscriptionsPerSec()));
                    result.add(
                            "fanOut",
                            Json.createObjectBuilder()
                                    .add("events", events)
                                    .add("batchSize", batch)
                                    .add("diverts", round(fanOut.divertsPerSec()))
                                    .add("subscriptions", round(fanOut.subscriptionsPerSec()))
                                    .add("chosen", fanOut.chosen()));
                }
                if (phases.contains("groups")) {
                    int orders = options.groupOrders;
                    relayBench.pauseConsumers();
                    topology.purgeConsumerQueues();
                    GroupSoak.Result soak = new GroupSoak(topology).measure(orders, batch);
                    topology.purgeConsumerQueues();
                    progress(
                            String.format(
                                    Locale.ROOT,
                                    "message groups, %d orders (%.0f events/s): open orders leave %d groups in "
                                            + "FulfilmentEvents, closing ones %d, open orders on a queue without buckets %d; broker heap after GC "
                                            + "%d MiB before, %d after the open orders, %d after the closing ones, %d after the unbounded queue",
                                    orders,
                                    soak.eventsPerSec(),
                                    soak.groupsOpen(),
                                    soak.groupsClosing(),
                                    soak.groupsUnbounded(),
                                    soak.heapBeforeMiB(),
                                    soak.heapOpenMiB(),
                                    soak.heapClosingMiB(),
                                    soak.heapUnboundedMiB()));
                    result.add(
                            "groups",
                            Json.createObjectBuilder()
                                    .add("orders", orders)
                                    .add("eventsPerSec", round(soak.eventsPerSec()))
                                    .add("groupsAfterOpenOrders", soak.groupsOpen())
                                    .add("groupsAfterClosingOrders", soak.groupsClosing())
                                    .add("brokerHeapMiBBefore", soak.heapBeforeMiB())
                                    .add("brokerHeapMiBAfterOpen", soak.heapOpenMiB())
                                    .add("brokerHeapMiBAfterClosing", soak.heapClosingMiB())
                                    .add("groupsWithoutBuckets", soak.groupsUnbounded())
                                    .add("brokerHeapMiBWithoutBuckets", soak.heapUnboundedMiB()));
                }
                result.add("relay", relay);

                result.add(
                        "resources",
                        Json.createObjectBuilder()
                                .add("peakCpuCores", round(resources.peakCpuCores()))
                                .add("peakRssMiB", resources.peakRssBytes() / (1024 * 1024))
                                .add("peakHeapMiB", resources.peakHeapBytes() / (1024 * 1024))
                                .add("heapMaxMiB", 2048)
                                .add("outboxRowsAtEnd", RelayBench.outboxRows(topology)));
            }
        }
        if (options.nodeCounts().length > 0) {
            result.add("cluster", cluster(root, options, seconds));
        }
        JsonObject bench = result.build();
        BenchReport.write(bench, out);
        System.out.println();
        System.out.println(BenchReport.markdown(bench));
        progress("wrote " + out.resolve("bench.json") + ", bench.md and bench.png");
    }

    private static JsonObjectBuilder hotKey(HotKeyBench.Result r) {
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
        return Json.createObjectBuilder()
                .add("skus", r.skewed().size())
                .add("skew", r.skewed().skew())
                .add("topProductShare", round2(r.skewed().topShare()))
                .add("skewedToUniform", round2(r.skewedToUniform()))
                .add("rows", rows);
    }

    /**
     * The relay shared by each node count: drain rate, each node's share, commit-to-effect latency
     * at the offered rate; and the drain rate of the most nodes against one node's.
     */
    private static JsonObjectBuilder cluster(Path root, BenchOptions options, Duration seconds)
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

    /**
     * Climbs {@code --steady-rates} per exactly-once mode until a rate is not sustained; adds the
     * rows as {@code steadyState} and the highest sustained rate per mode as {@code sustained}.
     */
    private static void steady(
            BenchTopology topology,
            LoadDriver driver,
            BenchOptions options,
            ResourceSampler resources,
            JsonObjectBuilder result)
            throws Exception {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        JsonObjectBuilder sustained = Json.createObjectBuilder();
        for (String mode : exactlyOnceModes()) {
            sustained.add(
                    mode,
                    Json.createObjectBuilder()
                            .add(
                                    "ordersPerSec",
                                    climb(topology, driver, options, mode, rows, false)));
        }
        progress(
                "restarting WildFly with the consumers' batching off (one transaction per delivery) ...");
        topology.restart("-Doutbox.consumer.batch-max=1");
        resources.follow(topology.server().pid());
        String outbox = WriteMode.OUTBOX.name();
        JsonObjectBuilder unbatched =
                Json.createObjectBuilder()
                        .add(
                                outbox,
                                Json.createObjectBuilder()
                                        .add(
                                                "ordersPerSec",
                                                climb(
                                                        topology, driver, options, outbox, rows,
                                                        true)));
        topology.restart();
        resources.follow(topology.server().pid());
        result.add("steadyState", rows);
        result.add("sustained", sustained);
        result.add("sustainedConsumersUnbatched", unbatched);
    }

    /**
     * Offers {@code mode} each {@code --steady-rates} rate in turn until one is not sustained; adds
     * a row per rate to {@code rows} and returns the highest sustained rate (0 if none).
     */
    private static int climb(
            BenchTopology topology,
            LoadDriver driver,
            BenchOptions options,
            String mode,
            JsonArrayBuilder rows,
            boolean unbatched)
            throws Exception {
        int best = 0;
        for (int rate : options.steadyRates) {
            SteadyState.Row r =
                    SteadyState.measure(
                            topology,
                            driver,
                            mode,
                            rate,
                            Duration.ofSeconds(options.warmupSeconds),
                            Duration.ofSeconds(options.steadySeconds));
            progress(
                    String.format(
                            Locale.ROOT,
                            "steady state %-6s offered %4d/s over %d s: achieved %6.1f/s, backlog %d -> %d"
                                    + " (slope %+.1f events/s), deliveries/s %s, p50 %.1f p99 %.1f ms: %s",
                            mode + (unbatched ? " (consumers unbatched)" : ""),
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
                            .add("mode", mode)
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

    /**
     * OUTBOX's end-to-end rows at each {@code offered} rate on a WildFly restarted with {@code
     * property}; each row says what was off ({@code nudge} false, {@code consumerBatchMax} 1).
     */
    private static List<JsonObject> outboxWith(
            BenchTopology topology,
            ResourceSampler resources,
            LoadDriver driver,
            int[] offered,
            Duration seconds,
            String what,
            String property)
            throws Exception {
        progress("restarting WildFly with " + what + " ...");
        topology.restart(property);
        resources.follow(topology.server().pid());
        boolean nudge = !property.equals("-Doutbox.relay.nudge=false");
        List<JsonObject> rows = new ArrayList<>();
        for (int rate : offered) {
            JsonObjectBuilder row =
                    openLoop(topology, driver, WriteMode.OUTBOX.name(), nudge, rate, seconds);
            if (property.equals("-Doutbox.consumer.batch-max=1")) {
                row.add("consumerBatchMax", 1);
            }
            rows.add(row.build());
        }
        return rows;
    }

    private static JsonObjectBuilder openLoop(
            BenchTopology topology,
            LoadDriver driver,
            String mode,
            boolean nudge,
            int rate,
            Duration seconds)
            throws Exception {
        String prefix =
                "e-"
                        + mode
                        + "-"
                        + (nudge ? "n" : "t")
                        + "-"
                        + rate
                        + "-"
                        + System.nanoTime() % 100000;
        ServerTimers before = ServerTimers.read(METRICS);
        LoadDriver.Outcome o = driver.openLoop(mode, prefix, rate, seconds);
        EndToEnd.Result e = EndToEnd.measure(topology, prefix, Duration.ofSeconds(60));
        ServerTimers after = ServerTimers.read(METRICS);
        Map<String, Double> stepMeans = after.meanMsSince(before);
        double commitsPerDelivery = after.commitsPerDeliverySince(before);
        JsonObjectBuilder steps = Json.createObjectBuilder();
        stepMeans.forEach((step, ms) -> steps.add(step, round2(ms)));
        progress(
                String.format(
                        Locale.ROOT,
                        "end to end  %-6s nudge %-5s offered %5d/s achieved %7.1f/s: p50 %7.1f  p95 %7.1f  p99 %7.1f ms"
                                + " (%d events%s)",
                        mode,
                        nudge,
                        rate,
                        o.ordersPerSec(),
                        e.p50(),
                        e.p95(),
                        e.p99(),
                        e.events(),
                        e.missing() > 0 ? ", " + e.missing() + " not yet applied after 60 s" : ""));
        progress(
                String.format(
                        Locale.ROOT,
                        "  consumer commits per delivery %.2f; mean server steps (ms): %s",
                        commitsPerDelivery,
                        stepMeans));
        return Json.createObjectBuilder()
                .add("mode", mode)
                .add("nudge", nudge)
                .add("offeredPerSec", rate)
                .add("achievedPerSec", round(o.ordersPerSec()))
                .add("p50Ms", round(e.p50()))
                .add("p95Ms", round(e.p95()))
                .add("p99Ms", round(e.p99()))
                .add("events", e.events())
                .add("refused", o.failed())
                .add("consumerCommitsPerDelivery", round2(commitsPerDelivery))
                .add("serverStepsMeanMs", steps);
    }

    private static JsonObjectBuilder environment(Duration seconds) {
        Runtime rt = Runtime.getRuntime();
        return Json.createObjectBuilder()
                .add("cores", rt.availableProcessors())
                .add("java", System.getProperty("java.version"))
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .add("wildfly", "39.0.1.Final")
                .add("artemis", "2.44.0 (standalone, loopback)")
                .add("database", "PostgreSQL 17.6 (loopback)")
                .add("measureSeconds", seconds.toSeconds())
                .add("note", "load generator, WildFly, broker and database share the same machine");
    }

    static void progress(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }

    static double round2(double v) {
        return Double.isNaN(v) ? -1 : Math.round(v * 100) / 100.0;
    }

    static double round(double v) {
        return Double.isNaN(v) ? -1 : Math.round(v * 10) / 10.0;
    }
}
