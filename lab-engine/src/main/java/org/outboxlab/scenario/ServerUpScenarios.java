package org.outboxlab.scenario;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Runs the scenarios a running server can take without stopping ({@code baseline}, {@code
 * consumer-failure}, {@code redelivery}) against one {@link LabTarget}; a scenario that stops a
 * process is refused. One instance serves a whole comparison: its runs' customer tags never repeat.
 */
public final class ServerUpScenarios {

    private final ScenarioSteps steps;
    private final ScenarioRegistry scenarios = ScenarioRegistry.serverUp();

    public ServerUpScenarios(LabTarget target, LoadOptions load, Consumer<String> progress) {
        this(target, load, progress, null);
    }

    /**
     * @param threads where the load's clients get their threads (inside a server: its managed
     *     thread factory)
     */
    public ServerUpScenarios(
            LabTarget target, LoadOptions load, Consumer<String> progress, ThreadFactory threads) {
        this.steps = new ScenarioSteps(target, load, progress, threads);
    }

    /** Runs {@code scenario}, every mode at once; one audited result per mode. */
    public List<RunResult> run(Scenario scenario, List<String> modes)
            throws InterruptedException, SQLException {
        return scenarios.run(scenario, steps, modes);
    }
}
