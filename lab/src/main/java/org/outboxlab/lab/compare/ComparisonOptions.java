package org.outboxlab.lab.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.LabPorts;
import org.outboxlab.scenario.LoadOptions;
import org.outboxlab.scenario.Scenario;

/**
 * The comparison's command line: {@code --modes OUTBOX,XA,NAIVE}, {@code --scenarios all|id,id},
 * {@code --clients N} (per mode), {@code --rate R} (new orders a second per mode),
 * {@code --seconds S} (load per scenario), {@code --pg-port}, {@code --broker-port},
 * {@code --port-offset}. A bad option is an {@link IllegalArgumentException} that names it.
 */
public record ComparisonOptions(List<String> modes, List<Scenario> scenarios, LoadOptions load, LabPorts ports) {

    public static final List<String> MODES = WriteMode.comparedNames();

    public static ComparisonOptions parse(List<String> args) {
        List<String> modes = MODES;
        List<Scenario> scenarios = List.of(Scenario.values());
        int clients = 3;
        double rate = 6;
        int seconds = 20;
        LabPorts defaults = LabPorts.DEFAULT;
        int pg = defaults.postgres();
        int broker = defaults.broker();
        int offset = defaults.portOffset();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value\n" + usage());
            }
            String value = args.get(++i);
            try {
                switch (name) {
                    case "--modes" -> modes = modes(value);
                    case "--scenarios" -> scenarios = scenarios(value);
                    case "--clients" -> clients = integer(name, value);
                    case "--rate" -> rate = number(name, value);
                    case "--seconds" -> seconds = integer(name, value);
                    case "--pg-port" -> pg = integer(name, value);
                    case "--broker-port" -> broker = integer(name, value);
                    case "--port-offset" -> offset = integer(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + "\n" + usage(), e);
            }
        }
        try {
            return new ComparisonOptions(modes, scenarios, new LoadOptions(clients, rate, Duration.ofSeconds(seconds)),
                    new LabPorts(pg, broker, offset));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + usage(), e);
        }
    }

    static String usage() {
        return "usage: lab/compare.sh [--modes OUTBOX,XA,NAIVE] [--scenarios all|" + String.join(",",
                Arrays.stream(Scenario.values()).map(Scenario::id).toList()) + "] [--clients 3] [--rate 6] "
                + "[--seconds 20] [--pg-port 55450] [--broker-port 61650] [--port-offset 200]";
    }

    private static List<String> modes(String value) {
        List<String> modes = new ArrayList<>();
        for (String mode : value.split(",")) {
            String m = mode.trim().toUpperCase(java.util.Locale.ROOT);
            if (!MODES.contains(m)) {
                throw new IllegalArgumentException("--modes: unknown mode " + mode + " (known: " + String.join(",", MODES) + ")");
            }
            if (!modes.contains(m)) {
                modes.add(m);
            }
        }
        return List.copyOf(modes);
    }

    private static List<Scenario> scenarios(String value) {
        if (value.equals("all")) {
            return List.of(Scenario.values());
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String id : value.split(",")) {
            Scenario s = Scenario.byId(id.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "--scenarios: unknown scenario " + id));
            if (!scenarios.contains(s)) {
                scenarios.add(s);
            }
        }
        return List.copyOf(scenarios);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a whole number: " + value);
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + value);
        }
    }
}
