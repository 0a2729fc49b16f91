package org.outboxlab.web.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.LoadOptions;
import org.outboxlab.scenario.Scenario;

/**
 * A comparison the console may start: at least one known write mode, at least one scenario the
 * server stays up for, and a load within the lab's limits. Anything else is refused on construction
 * with an {@link IllegalArgumentException} whose message says what to change.
 */
public record ComparisonRequest(List<String> modes, List<Scenario> scenarios, LoadOptions load) {

    /** The write modes, in the order the lab lists them. */
    public static final List<String> MODES = WriteMode.comparedNames();

    public ComparisonRequest {
        if (modes == null || modes.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one write mode.");
        }
        for (String mode : modes) {
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException(
                        "Unknown write mode "
                                + mode
                                + " (known: "
                                + String.join(", ", MODES)
                                + ").");
            }
        }
        if (scenarios == null || scenarios.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one scenario.");
        }
        for (Scenario scenario : scenarios) {
            if (!scenario.serverStaysUp()) {
                throw new IllegalArgumentException(
                        scenario.id() + " stops a process: run it with lab/compare.sh.");
            }
        }
        if (load == null) {
            throw new IllegalArgumentException(
                    "Set the load: clients, orders per second and seconds.");
        }
        modes = MODES.stream().filter(modes::contains).toList();
        scenarios = List.copyOf(scenarios);
    }

    /**
     * A request from a form's values (scenario ids, whole seconds); {@code null} numbers are
     * refused.
     */
    public static ComparisonRequest of(
            List<String> modes,
            List<String> scenarioIds,
            Integer clients,
            Double ordersPerSecond,
            Integer seconds) {
        List<Scenario> scenarios = new ArrayList<>();
        for (String id : scenarioIds == null ? List.<String>of() : scenarioIds) {
            scenarios.add(
                    Scenario.byId(id)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "Unknown scenario " + id + ".")));
        }
        if (clients == null || ordersPerSecond == null || seconds == null) {
            throw new IllegalArgumentException("Set clients, orders per second and seconds.");
        }
        LoadOptions load;
        try {
            load = new LoadOptions(clients, ordersPerSecond, Duration.ofSeconds(seconds));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Load refused: " + e.getMessage() + ".", e);
        }
        return new ComparisonRequest(modes, scenarios, load);
    }

    /** The scenarios every server can take; the others arm faults. */
    public static List<Scenario> startable() {
        return List.of(Scenario.values()).stream().filter(Scenario::serverStaysUp).toList();
    }

    /** Whether a scenario arms faults, which only a server with fault injection enabled accepts. */
    public static boolean needsFaults(Scenario scenario) {
        return scenario != Scenario.BASELINE;
    }

    public boolean needsFaults() {
        return scenarios.stream().anyMatch(ComparisonRequest::needsFaults);
    }

    public String scenarioIds() {
        return String.join(",", scenarios.stream().map(Scenario::id).toList());
    }

    /** The request as the lab's command line would take it. */
    public String options() {
        return "--modes "
                + String.join(",", modes)
                + " --scenarios "
                + scenarioIds()
                + " --clients "
                + load.clientsPerMode()
                + " --rate "
                + rate()
                + " --seconds "
                + load.duration().toSeconds();
    }

    /** The load in words. */
    public String loadText() {
        return load.clientsPerMode()
                + " client"
                + (load.clientsPerMode() == 1 ? "" : "s")
                + " per mode, "
                + rate()
                + " orders/s per mode, "
                + load.duration().toSeconds()
                + " s per scenario";
    }

    private String rate() {
        double rate = load.ordersPerSecondPerMode();
        return rate == Math.rint(rate)
                ? Long.toString((long) rate)
                : String.format(Locale.ROOT, "%s", rate);
    }
}
