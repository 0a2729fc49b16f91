package org.outboxlab.lab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark's command line (picocli). Every value is checked before anything starts: a bad one
 * is an {@link IllegalArgumentException} that names the option and carries the usage.
 */
@Command(
        name = "lab/bench.sh",
        sortOptions = false,
        description =
                "Measures the write path per mode, the relay's drain, commit-to-effect latency and the broker's "
                        + "fan-out on PostgreSQL and a standalone broker; writes bench-results/<time>/ (bench.json, bench.md, bench.png).")
final class BenchOptions {

    private static final Set<String> PHASES =
            Set.of(
                    "write",
                    "hotkey",
                    "idle",
                    "transactions",
                    "e2e",
                    "steady",
                    "relay",
                    "strategies",
                    "fanout",
                    "groups",
                    "cluster");

    /** Whether the consumers run while the write path is measured. */
    enum Consumers {
        PAUSED,
        RUNNING
    }

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @Option(
            names = "--phases",
            split = ",",
            paramLabel = "PHASE",
            defaultValue = "write,hotkey,idle,transactions,e2e,steady,relay,strategies,fanout",
            description =
                    "what to measure: write, hotkey, idle, transactions, e2e, steady (each rate held past a warm-up:"
                            + " is the backlog flat?), relay, strategies (polling against log tailing), fanout, groups (a soak of minutes; "
                            + "not in the default), cluster (the relay shared by --nodes; added by --nodes) "
                            + "(default: ${DEFAULT-VALUE})")
    List<String> phases;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "6",
            description = "seconds per measurement (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--clients",
            split = ",",
            paramLabel = "N",
            defaultValue = "1,4,16,32",
            description = "write path: concurrent clients (default: ${DEFAULT-VALUE})")
    int[] clients;

    @Option(
            names = "--hot-clients",
            split = ",",
            paramLabel = "N",
            defaultValue = "16,64",
            description = "hot key: concurrent clients (default: ${DEFAULT-VALUE})")
    int[] hotClients;

    @Option(
            names = "--skus",
            paramLabel = "N",
            defaultValue = "1000",
            description =
                    "products in the catalogue every phase's orders draw from (default:"
                            + " ${DEFAULT-VALUE})")
    int skus;

    @Option(
            names = "--skew",
            paramLabel = "S",
            defaultValue = "1.1",
            description =
                    "Zipf exponent of the product choice (the hot key phase measures it against a"
                            + " uniform choice of the same products) (default: ${DEFAULT-VALUE})")
    double skew;

    @Option(
            names = "--rates",
            split = ",",
            paramLabel = "R",
            defaultValue = "100,200,500,1000",
            description = "end to end: offered orders a second (default: ${DEFAULT-VALUE})")
    int[] rates;

    @Option(
            names = "--steady-rates",
            split = ",",
            paramLabel = "R",
            defaultValue = "50,100,150,200,300,400,600",
            description =
                    "steady state: offered orders a second, climbed per mode until one is not sustained"
                            + " (default: ${DEFAULT-VALUE})")
    int[] steadyRates;

    @Option(
            names = "--steady-seconds",
            paramLabel = "S",
            defaultValue = "60",
            description =
                    "steady state: seconds measured at each rate, after the warm-up (default: ${DEFAULT-VALUE})")
    int steadySeconds;

    @Option(
            names = "--warmup-seconds",
            paramLabel = "S",
            defaultValue = "10",
            description =
                    "steady state: seconds at each rate before it is measured (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(
            names = "--consumers",
            paramLabel = "paused|running",
            defaultValue = "paused",
            description = "consumers during the write path (default: ${DEFAULT-VALUE})")
    Consumers consumers;

    @Option(
            names = "--backlog",
            paramLabel = "N",
            defaultValue = "100000",
            description = "relay: events to drain (default: ${DEFAULT-VALUE})")
    int backlog;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "1000",
            description = "relay: batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--sweep",
            split = ",",
            paramLabel = "N",
            defaultValue = "50,200,1000",
            description = "relay: batch sizes to sweep (default: ${DEFAULT-VALUE})")
    int[] sweep;

    @Option(
            names = "--sweep-backlog",
            paramLabel = "N",
            defaultValue = "20000",
            description = "relay: events per sweep step (default: ${DEFAULT-VALUE})")
    int sweepBacklog;

    @Option(
            names = "--fanout-events",
            paramLabel = "N",
            defaultValue = "20000",
            description = "fan-out: events per topology (default: ${DEFAULT-VALUE})")
    int fanoutEvents;

    @Option(
            names = "--group-orders",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "groups: distinct order ids (default: ${DEFAULT-VALUE})")
    int groupOrders;

    @Option(
            names = "--nodes",
            split = ",",
            paramLabel = "N",
            description =
                    "cluster: WildFly node counts to compare, each on a fresh topology, e.g. 1,2 (1 to 3; "
                            + "adds phase cluster; with --phases cluster alone: 1,2)")
    int[] nodes;

    @Option(
            names = "--cluster-backlog",
            paramLabel = "N",
            defaultValue = "20000",
            description = "cluster: events to drain at each node count (default: ${DEFAULT-VALUE})")
    int clusterBacklog;

    @Option(
            names = "--cluster-rate",
            paramLabel = "R",
            defaultValue = "100",
            description =
                    "cluster: OUTBOX orders a second offered, spread over the nodes (default: ${DEFAULT-VALUE})")
    int clusterRate;

    /** The broker under the cluster benchmark. */
    enum ClusterBroker {
        PAIR,
        SINGLE
    }

    @Option(
            names = "--cluster-broker",
            paramLabel = "B",
            defaultValue = "pair",
            description =
                    "cluster: the broker at every node count, pair (primary/backup, as cluster.sh"
                            + " runs it) or single (default: pair)")
    ClusterBroker clusterBroker;

    @Option(
            names = "--jfr",
            paramLabel = "DIR",
            description = "record a JDK Flight Recorder profile of every WildFly run into DIR")
    Path jfr;

    @Option(
            names = "--server-property",
            paramLabel = "NAME=VALUE",
            description =
                    "a system property for every WildFly run of the benchmark (repeatable), e.g."
                            + " outbox.relay.lanes=1 to measure a setting against a run without it")
    List<String> serverProperties = new ArrayList<>();

    /** The options in {@code args}, checked. */
    static BenchOptions parse(String... args) {
        BenchOptions options = new BenchOptions();
        CommandLine line = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            line.parseArgs(args);
            options.check();
            return options;
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + usage(), e);
        }
    }

    static String usage() {
        return new CommandLine(new BenchOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    boolean consumersDuringWrite() {
        return consumers == Consumers.RUNNING || !phases.contains("write");
    }

    /** The node counts the cluster phase compares; empty when it does not run. */
    int[] nodeCounts() {
        if (nodes != null) {
            return nodes;
        }
        return phases.contains("cluster") ? new int[] {1, 2} : new int[0];
    }

    /** Whether a phase other than cluster runs (they share one single-node topology). */
    boolean singleNodePhases() {
        return phases.stream().anyMatch(phase -> !phase.equals("cluster"));
    }

    private void check() {
        if (nodes != null && !phases.contains("cluster")) {
            phases = new java.util.ArrayList<>(phases);
            phases.add("cluster");
        }
        if (nodes != null) {
            IntStream.of(nodes)
                    .forEach(
                            n -> {
                                if (n < 1 || n > 3) {
                                    throw new IllegalArgumentException(
                                            "--nodes: 1 to 3 nodes, was " + n);
                                }
                            });
        }
        positive("--cluster-backlog", clusterBacklog);
        positive("--cluster-rate", clusterRate);
        for (String phase : phases) {
            if (!PHASES.contains(phase)) {
                throw new IllegalArgumentException(
                        "--phases: unknown phase " + phase + " (known: " + PHASES + ")");
            }
        }
        positive("--seconds", seconds);
        positive("--backlog", backlog);
        positive("--batch", batch);
        positive("--sweep-backlog", sweepBacklog);
        positive("--fanout-events", fanoutEvents);
        positive("--group-orders", groupOrders);
        IntStream.of(clients).forEach(c -> positive("--clients", c));
        IntStream.of(hotClients).forEach(c -> positive("--hot-clients", c));
        positive("--skus", skus);
        if (!(skew > 0) || skew > 10) {
            throw new IllegalArgumentException("--skew: more than 0 and at most 10, was " + skew);
        }
        IntStream.of(rates).forEach(r -> positive("--rates", r));
        IntStream.of(steadyRates).forEach(r -> positive("--steady-rates", r));
        positive("--steady-seconds", steadySeconds);
        positive("--warmup-seconds", warmupSeconds);
        IntStream.of(sweep).forEach(s -> positive("--sweep", s));
        for (String property : serverProperties) {
            if (!property.matches("[A-Za-z][A-Za-z0-9._-]*=.*")) {
                throw new IllegalArgumentException(
                        "--server-property: NAME=VALUE, was \"" + property + "\"");
            }
        }
    }

    /** The server properties as JVM options ({@code -DNAME=VALUE}). */
    String[] serverOptions() {
        return serverProperties.stream().map(p -> "-D" + p).toArray(String[]::new);
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + ": must be at least 1, was " + value);
        }
    }
}
