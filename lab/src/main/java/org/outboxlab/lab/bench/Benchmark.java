package org.outboxlab.lab.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark: write path per mode and client count against the BASELINE transaction, the relay's
 * drain rate against a raw Artemis producer, commit-to-effect latency at fixed offered rates, the
 * highest sustained rate, and what each mode costs the database; every comparison measured in the
 * same run, on PostgreSQL and a standalone broker. Each phase is a class of its own ({@link
 * WritePhase}, {@link HotKeyPhase}, {@link IdlePhase}, {@link TransactionsPhase}, {@link
 * EndToEndPhase}, {@link SteadyPhase}, {@link RelayPhase}, {@link StrategiesPhase}, {@link
 * FanOutPhase}, {@link GroupsPhase}, {@link ClusterPhase}) that measures, prints each figure as it
 * is measured and adds its part to bench.json; this class runs them in order and writes bench.json,
 * bench.md and bench.png ({@link BenchReport}). With {@code --jfr DIR} every WildFly run records a
 * JDK Flight Recorder profile into DIR.
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
                            new BenchTopology(
                                    root,
                                    root.resolve("lab/target/bench"),
                                    jfr,
                                    options.serverOptions());
                    ResourceSampler resources = new ResourceSampler()) {
                progress(
                        "starting PostgreSQL, Artemis and WildFly (configured by configure-wildfly.sh) ...");
                topology.start();
                resources.follow(topology.server().pid());
                resources.start();
                Catalogue catalogue = Catalogue.zipf(options.skus, options.skew);
                try (java.sql.Connection db = topology.database()) {
                    catalogue.install(db);
                }
                BenchRig rig =
                        new BenchRig(
                                topology,
                                resources,
                                new LoadDriver().choosingFrom(catalogue),
                                new RelayBench(topology),
                                options);
                singleNode(rig, result);
            }
        }
        if (options.nodeCounts().length > 0) {
            result.add("cluster", ClusterPhase.measure(root, options, seconds));
        }
        JsonObject bench = result.build();
        BenchReport.write(bench, out);
        System.out.println();
        System.out.println(BenchReport.markdown(bench));
        progress("wrote " + out.resolve("bench.json") + ", bench.md and bench.png");
    }

    /**
     * The phases on one WildFly, in an order that leaves each the state it needs: the write path
     * and the hot key with the consumers stopped (unless {@code --consumers-during-write}), then
     * the phases that need them, then those that stop them again.
     */
    private static void singleNode(BenchRig rig, JsonObjectBuilder result) throws Exception {
        List<String> phases = rig.options().phases;
        boolean consumersDuringWrite = rig.options().consumersDuringWrite();
        if (!consumersDuringWrite) {
            progress(
                    "consumers paused for the write path (stop-delivery): the write transactions and the relay are measured");
            rig.relayBench().pauseConsumers();
        }
        WritePhase write = new WritePhase(rig);
        if (phases.contains("write")) {
            write.run(result);
        } else {
            result.add("writePath", Json.createArrayBuilder());
        }
        if (phases.contains("hotkey")) {
            new HotKeyPhase(rig).run(result);
        }
        if (!consumersDuringWrite) {
            rig.relayBench().awaitRelayDrained();
            rig.topology().purgeConsumerQueues();
            rig.relayBench().resumeConsumers();
        }
        if (phases.contains("idle")) {
            new IdlePhase(rig).run(result);
        }
        if (phases.contains("transactions")) {
            new TransactionsPhase(rig).run(result);
        }
        if (phases.contains("e2e")) {
            new EndToEndPhase(rig, write.bestOutboxRate()).run(result);
        } else {
            result.add("endToEnd", Json.createArrayBuilder());
        }
        if (phases.contains("steady")) {
            new SteadyPhase(rig).run(result);
        }
        result.add(
                "relay",
                phases.contains("relay")
                        ? new RelayPhase(rig).run()
                        : Json.createObjectBuilder()
                                .add("backlog", rig.options().backlog)
                                .add("batchSize", rig.options().batch)
                                .add("eventsPerSec", -1)
                                .add("rawBrokerEventsPerSec", -1)
                                .add("ratioToRaw", -1)
                                .add("sweep", Json.createArrayBuilder())
                                .build());
        if (phases.contains("strategies")) {
            new StrategiesPhase(rig).run(result);
        }
        if (phases.contains("fanout")) {
            new FanOutPhase(rig).run(result);
        }
        if (phases.contains("groups")) {
            new GroupsPhase(rig).run(result);
        }
        ResourceSampler resources = rig.resources();
        result.add(
                "resources",
                Json.createObjectBuilder()
                        .add("peakCpuCores", round(resources.peakCpuCores()))
                        .add("peakRssMiB", resources.peakRssBytes() / (1024 * 1024))
                        .add("peakHeapMiB", resources.peakHeapBytes() / (1024 * 1024))
                        .add("heapMaxMiB", 2048)
                        .add("outboxRowsAtEnd", RelayBench.outboxRows(rig.topology())));
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
