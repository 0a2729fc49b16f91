package org.outboxlab.scenario;

import java.io.IOException;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios a lab can run, each registered once under its {@link Scenario}: the ones a running
 * server takes ({@link #serverUp()}), plus whatever a caller that controls processes adds. A
 * scenario nobody registered is refused, never run half-way.
 */
public final class ScenarioRegistry {

    private final Map<Scenario, LabScenario> runs = new EnumMap<>(Scenario.class);

    /** {@code baseline}, {@code consumer-failure} and {@code redelivery}. */
    public static ScenarioRegistry serverUp() {
        return new ScenarioRegistry()
                .register(new BaselineRun(), new ConsumerFailureRun(), new RedeliveryRun());
    }

    /** Adds {@code scenarios}; each scenario may be registered once only. */
    public ScenarioRegistry register(LabScenario... scenarios) {
        for (LabScenario run : scenarios) {
            if (runs.putIfAbsent(run.scenario(), run) != null) {
                throw new IllegalArgumentException(run.scenario().id() + " is registered twice");
            }
        }
        return this;
    }

    /** Runs {@code scenario} for {@code modes}; one audited result per mode (or per point). */
    public List<RunResult> run(Scenario scenario, ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        LabScenario run = runs.get(scenario);
        if (run == null) {
            throw new IllegalArgumentException(
                    scenario.serverStaysUp()
                            ? scenario.id() + " is not registered"
                            : scenario.id() + " stops a process: it needs the lab's own processes");
        }
        try {
            return run.run(steps, modes);
        } catch (IOException e) {
            throw new IllegalStateException(scenario.id() + ": " + e.getMessage(), e);
        }
    }
}
