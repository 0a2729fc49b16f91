package org.outboxlab.lab.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.control.Directories;
import org.outboxlab.control.LabTopology;
import org.outboxlab.control.ScenarioRunner;
import org.outboxlab.lab.LabParts;
import org.outboxlab.scenario.LabRun;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.Verdict;

/**
 * The README's main command: starts PostgreSQL, a standalone Artemis broker and WildFly with the
 * EAR as processes of their own, runs every selected scenario for every selected write mode, audits
 * each from the databases, prints a table, and writes {@code lab-results/<time>/} and {@code
 * lab-results/latest/} (report.json, report.md, report.html).
 *
 * <p>Arguments: {@code ROOT RESULTS_DIR [options]}, see {@link ComparisonOptions}.
 */
public final class Comparison {

    /**
     * A cluster's relay leases in the lab: 3 s, renewed every 500 ms (production defaults 10 s and
     * 1 s), so that a node frozen inside a relay batch loses its partitions (two leases and a
     * heartbeat) while its broker session still lives (connection TTL 10 s): the window {@code
     * node-pause-at-commit} needs, and takeovers a reader can wait for.
     */
    static final String[] CLUSTER_TIMING = {
        "-Doutbox.cluster.lease-ms=3000", "-Doutbox.cluster.heartbeat-ms=500"
    };

    /** The relay strategy option, followed by its id. */
    private static final String RELAY_STRATEGY = "-Doutbox.relay.strategy=";

    /** Change data capture on: the log reader publishes the orders written in mode CDC. */
    private static final String CHANGE_CAPTURE = "-Doutbox.cdc.enabled=true";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Comparison() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("compare: arguments ROOT RESULTS_DIR [options]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path results = Path.of(args[1]).toAbsolutePath().normalize();
        List<String> optionArgs = Arrays.asList(args).subList(2, args.length);
        if (ComparisonOptions.wantsHelp(optionArgs)) {
            System.out.print(ComparisonOptions.usage());
            System.exit(0);
        }
        ComparisonOptions options;
        try {
            options = ComparisonOptions.parse(optionArgs);
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage());
            System.exit(2);
            return;
        }
        String command = ("lab/compare.sh " + String.join(" ", optionArgs)).strip();
        int status = run(root, results, options, command);
        System.exit(status);
    }

    static int run(Path root, Path results, ComparisonOptions options, String command)
            throws IOException, InterruptedException, SQLException {
        Instant started = Instant.now();
        log(
                started,
                "starting PostgreSQL :"
                        + options.ports().postgres()
                        + ", Artemis :"
                        + options.ports().broker()
                        + ", WildFly :"
                        + (8080 + options.ports().portOffset())
                        + " under lab/target/compare");
        List<RunResult> runs = new ArrayList<>();
        try (LabTopology lab =
                new LabTopology(
                        root.resolve("jms-config"),
                        LabParts.of(root),
                        root.resolve("lab/target/compare"),
                        options.ports())) {
            lab.nodes(options.nodes());
            if (options.nodes() > 1) {
                lab.linkNodeTwoToTheDatabase();
            }
            List<String> serverOptions =
                    new ArrayList<>(options.nodes() > 1 ? List.of(CLUSTER_TIMING) : List.of());
            if (options.modes().contains(WriteMode.CDC.name())) {
                serverOptions.add(CHANGE_CAPTURE); // the log reader runs only where CDC is compared
            }
            List<String> strategies = options.relayStrategies();
            serverOptions.add(RELAY_STRATEGY + strategies.get(0));
            lab.start(serverOptions.toArray(String[]::new));
            log(
                    started,
                    "all three processes up; modes "
                            + String.join(",", options.modes())
                            + ", "
                            + options.load().clientsPerMode()
                            + " clients and "
                            + options.load().ordersPerSecondPerMode()
                            + " orders/s per mode, "
                            + options.load().duration().toSeconds()
                            + " s of load per scenario");
            ScenarioRunner runner =
                    new ScenarioRunner(lab, options.load(), line -> log(started, line));
            runs.addAll(
                    pass(runner, options.scenarios(), options.modes(), strategies.get(0), started));
            List<String> relayed =
                    options.modes().stream()
                            .filter(m -> WriteMode.valueOf(m).leavesRowForRelay())
                            .toList();
            for (String strategy : strategies.subList(1, strategies.size())) {
                if (relayed.isEmpty()) {
                    break;
                }
                log(
                        started,
                        "relay strategy "
                                + strategy
                                + ": restarting WildFly, then "
                                + String.join(",", relayed)
                                + " again in every scenario");
                lab.restartServers(RELAY_STRATEGY + strategy);
                runs.addAll(pass(runner, options.scenarios(), relayed, strategy, started));
            }
        }
        Instant finished = Instant.now();
        List<String> reading = Expectations.check(runs);
        Map<String, String> environment = environment(options, Duration.between(started, finished));
        Path dir = results.resolve(STAMP.format(started));
        ReportFiles.write(dir, finished, environment, command, runs, reading);
        Path latest = results.resolve("latest");
        Directories.deleteRecursively(latest);
        ReportFiles.write(latest, finished, environment, command, runs, reading);
        System.out.println();
        Verdict.lines(runs.stream().map(LabRun::of).toList()).forEach(System.out::println);
        System.out.println();
        System.out.println(table(runs));
        System.out.println();
        reading.forEach(line -> System.out.println("  " + line));
        System.out.println();
        System.out.println(
                "report: "
                        + latest.resolve("report.html")
                        + " (also report.json, report.md; this run: "
                        + dir
                        + ")");
        log(started, "done");
        return reading.stream().anyMatch(l -> l.startsWith("NOT")) ? 1 : 0;
    }

    /**
     * Runs {@code modes} through every scenario under the relay strategy the servers run, and tags
     * the results of a relayed mode with it.
     */
    private static List<RunResult> pass(
            ScenarioRunner runner,
            List<Scenario> scenarios,
            List<String> modes,
            String strategy,
            Instant started)
            throws IOException, InterruptedException, SQLException {
        List<RunResult> runs = new ArrayList<>();
        int index = 0;
        for (Scenario scenario : scenarios) {
            index++;
            log(started, "[" + index + "/" + scenarios.size() + "] " + scenario.id());
            for (RunResult run : runner.run(scenario, modes)) {
                RunResult r =
                        WriteMode.valueOf(run.mode()).leavesRowForRelay()
                                ? run.relayedBy(strategy)
                                : run;
                runs.add(r);
                log(
                        started,
                        scenario.id()
                                + " "
                                + r.row()
                                + ": committed "
                                + r.committed()
                                + ", rejected "
                                + r.rejected()
                                + ", lost "
                                + r.lost()
                                + ", phantom "
                                + r.phantom()
                                + ", duplicate effects "
                                + r.duplicateEffects()
                                + ", absorbed "
                                + r.duplicateDeliveries()
                                + ", out of order "
                                + r.outOfOrder()
                                + ", dead-lettered "
                                + r.deadLettered());
            }
        }
        return runs;
    }

    private static Map<String, String> environment(ComparisonOptions options, Duration took) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(
                "wildfly",
                "39.0.1.Final (stock dist, configured by jms-config/configure-wildfly.sh)");
        env.put("database", "PostgreSQL 17 (zonky binaries), port " + options.ports().postgres());
        env.put("broker", "Apache Artemis 2.44.0 standalone, port " + options.ports().broker());
        env.put(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put(
                "load",
                options.load().clientsPerMode()
                        + " clients per mode, "
                        + options.load().ordersPerSecondPerMode()
                        + " orders/s per mode, "
                        + options.load().duration().toSeconds()
                        + " s per scenario");
        env.put("relay strategies", String.join(", ", options.relayStrategies()));
        env.put("took", took.toSeconds() + " s");
        return env;
    }

    /** The results as an aligned text table. */
    static String table(List<RunResult> runs) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(ReportFiles.COLUMNS);
        runs.forEach(r -> rows.add(ReportFiles.cells(r)));
        int[] widths = new int[ReportFiles.COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(
                                i < 2
                                        ? String.format(Locale.ROOT, "%-" + widths[i] + "s", cell)
                                        : String.format(Locale.ROOT, "%" + widths[i] + "s", cell))
                        .append(i + 1 < row.size() ? "  " : "\n");
            }
        }
        return out.toString().stripTrailing();
    }

    private static void log(Instant started, String line) {
        long s = Duration.between(started, Instant.now()).toSeconds();
        System.out.println(String.format(Locale.ROOT, "[%02d:%02d] %s", s / 60, s % 60, line));
    }
}
