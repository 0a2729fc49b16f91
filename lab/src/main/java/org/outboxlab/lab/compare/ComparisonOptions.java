package org.outboxlab.lab.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.control.LabPorts;
import org.outboxlab.scenario.LoadOptions;
import org.outboxlab.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The comparison's command line (picocli): {@code --modes OUTBOX,XA,NAIVE}, {@code --scenarios
 * all|id,id}, {@code --clients N} (per mode), {@code --rate R} (new orders a second per mode),
 * {@code --seconds S} (load per scenario), {@code --nodes N} (WildFly nodes; 2 or 3 add the
 * cluster's scenarios), {@code --relay-strategies polling,log-tailing} (the first runs every mode,
 * each further one the relayed mode again), {@code --pg-port}, {@code --broker-port}, {@code
 * --port-offset}. A bad option is an {@link IllegalArgumentException} that names it and carries the
 * usage.
 */
public record ComparisonOptions(
        List<String> modes,
        List<Scenario> scenarios,
        LoadOptions load,
        LabPorts ports,
        int nodes,
        List<String> relayStrategies) {

    public static final List<String> MODES = WriteMode.comparedNames();

    /** The OUTBOX relay's strategies, as {@code outbox.relay.strategy} spells them. */
    public static final List<String> RELAY_STRATEGIES = List.of("polling", "log-tailing");

    /** As the record, with the relay's default strategy only. */
    public ComparisonOptions(
            List<String> modes,
            List<Scenario> scenarios,
            LoadOptions load,
            LabPorts ports,
            int nodes) {
        this(modes, scenarios, load, ports, nodes, List.of(RELAY_STRATEGIES.get(0)));
    }

    /** What picocli fills in; {@link #options()} checks it and makes the record. */
    @Command(
            name = "lab/compare.sh",
            sortOptions = false,
            defaultValueProvider = ComparedModes.class,
            description =
                    "Runs every write mode through every scenario against PostgreSQL, Artemis and WildFly as "
                            + "processes of their own, audits each run from the databases and writes lab-results/.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {
                "0:every expectation held",
                "1:the report says one did not",
                "2:bad options"
            })
    static final class Arguments {

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "show this help and exit")
        boolean help;

        @Option(
                names = "--modes",
                split = ",",
                paramLabel = "MODE",
                description = "write modes (default: ${DEFAULT-VALUE})")
        List<String> modes;

        @Option(
                names = "--scenarios",
                split = ",",
                paramLabel = "ID",
                description =
                        "all, or scenario ids: baseline, broker-outage, db-outage, server-kill, crash-point, "
                                + "consumer-failure, redelivery, relay-stall; with --nodes 2 or 3 also node-kill, node-restart, node-cut-off, node-pause, node-pause-at-commit, broker-failover "
                                + "(default: ${DEFAULT-VALUE})",
                defaultValue = "all")
        List<String> scenarios;

        @Option(
                names = "--clients",
                paramLabel = "N",
                description = "clients per mode (default: ${DEFAULT-VALUE})",
                defaultValue = "3")
        int clients;

        @Option(
                names = "--rate",
                paramLabel = "R",
                description = "new orders a second per mode (default: ${DEFAULT-VALUE})",
                defaultValue = "6")
        double rate;

        @Option(
                names = "--seconds",
                paramLabel = "S",
                description = "seconds of load per scenario (default: ${DEFAULT-VALUE})",
                defaultValue = "20")
        int seconds;

        @Option(
                names = "--nodes",
                paramLabel = "N",
                description =
                        "WildFly nodes sharing the database and the broker, 1 to 3; 2 or 3 run a broker "
                                + "pair too and add the scenarios node-kill, node-restart, node-cut-off, node-pause, node-pause-at-commit and broker-failover "
                                + "(default: ${DEFAULT-VALUE})",
                defaultValue = "1")
        int nodes;

        @Option(
                names = "--relay-strategies",
                split = ",",
                paramLabel = "STRATEGY",
                description =
                        "the OUTBOX relay's strategies, polling and log-tailing: every mode runs under the "
                                + "first, OUTBOX again under each further one, a report row each (default: ${DEFAULT-VALUE})",
                defaultValue = "polling,log-tailing")
        List<String> relayStrategies;

        @Option(
                names = "--pg-port",
                paramLabel = "PORT",
                description = "PostgreSQL's port (default: ${DEFAULT-VALUE})",
                defaultValue = "25450")
        int pgPort;

        @Option(
                names = "--broker-port",
                paramLabel = "PORT",
                description = "Artemis's port (default: ${DEFAULT-VALUE})",
                defaultValue = "61650")
        int brokerPort;

        @Option(
                names = "--port-offset",
                paramLabel = "N",
                description = "WildFly's port offset (default: ${DEFAULT-VALUE})",
                defaultValue = "200")
        int portOffset;

        ComparisonOptions options() {
            if (nodes < 1 || nodes > 3) {
                throw new IllegalArgumentException("--nodes must be 1, 2 or 3, was " + nodes);
            }
            return new ComparisonOptions(
                    modes(modes),
                    scenarios(scenarios, nodes),
                    new LoadOptions(clients, rate, Duration.ofSeconds(seconds)),
                    new LabPorts(pgPort, brokerPort, portOffset),
                    nodes,
                    relayStrategies(relayStrategies));
        }
    }

    /** {@code --modes}' default: every compared mode, as {@link WriteMode#COMPARED} lists them. */
    static final class ComparedModes implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argument) {
            return argument instanceof CommandLine.Model.OptionSpec option
                            && option.longestName().equals("--modes")
                    ? String.join(",", MODES)
                    : null;
        }
    }

    /**
     * The command line: picocli's model of {@link Arguments}, for parsing and for {@code --help}.
     */
    static CommandLine commandLine() {
        return new CommandLine(new Arguments());
    }

    public static ComparisonOptions parse(List<String> args) {
        CommandLine line = commandLine();
        try {
            line.parseArgs(args.toArray(String[]::new));
            return ((Arguments) line.getCommand()).options();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + usage(), e);
        }
    }

    /**
     * Whether {@code args} ask for the help (then {@link #usage()} is the answer, exit status 0).
     */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    static String usage() {
        return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static List<String> relayStrategies(List<String> given) {
        return known(
                "--relay-strategies",
                "strategy",
                given,
                s -> s.toLowerCase(Locale.ROOT),
                RELAY_STRATEGIES);
    }

    private static List<String> modes(List<String> given) {
        return known("--modes", "mode", given, m -> m.toUpperCase(Locale.ROOT), MODES);
    }

    /**
     * {@code given} as {@code known} spells them ({@code spelling} of each, trimmed), each once, in
     * the order given; an unknown one is refused naming {@code option}.
     */
    private static List<String> known(
            String option,
            String what,
            List<String> given,
            java.util.function.UnaryOperator<String> spelling,
            List<String> known) {
        List<String> chosen = new ArrayList<>();
        for (String value : given) {
            String v = spelling.apply(value.trim());
            if (!known.contains(v)) {
                throw new IllegalArgumentException(
                        option
                                + ": unknown "
                                + what
                                + " "
                                + value
                                + " (known: "
                                + String.join(",", known)
                                + ")");
            }
            if (!chosen.contains(v)) {
                chosen.add(v);
            }
        }
        return List.copyOf(chosen);
    }

    private static List<Scenario> scenarios(List<String> given, int nodes) {
        if (given.equals(List.of("all"))) {
            return Arrays.stream(Scenario.values()).filter(s -> s.nodes() <= nodes).toList();
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String id : given) {
            Scenario s =
                    Scenario.byId(id.trim())
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "--scenarios: unknown scenario " + id));
            if (s.nodes() > nodes) {
                throw new IllegalArgumentException(
                        "--scenarios: " + s.id() + " needs --nodes " + s.nodes() + " or more");
            }
            if (!scenarios.contains(s)) {
                scenarios.add(s);
            }
        }
        return List.copyOf(scenarios);
    }
}
