package org.outboxlab.scenario;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of a scenario with every selected mode's load started: the scenario lets it run, injects
 * its fault meanwhile, and {@link #finish finishes} it, which stops the load, waits for the system
 * to settle and audits each mode. Progress lines carry the scenario's id.
 */
public final class UnderLoad {

    private final ScenarioSteps steps;
    private final Scenario scenario;
    private final Map<String, LifecycleLoad> loads;
    private final Instant started;

    UnderLoad(ScenarioSteps steps, Scenario scenario, Map<String, LifecycleLoad> loads) {
        this.steps = steps;
        this.scenario = scenario;
        this.loads = loads;
        this.started = Instant.now();
        ScenarioSteps.start(loads);
    }

    /** When the load started. */
    public Instant started() {
        return started;
    }

    /** Each mode's load, by mode. */
    public Map<String, LifecycleLoad> loads() {
        return loads;
    }

    /** Lets the load run for {@code span}, printing a progress line every five seconds. */
    public void runFor(Duration span) throws InterruptedException {
        steps.watch(scenario, loads, span);
    }

    /** Lets the load run for {@code share} of its duration. */
    public void runForShare(double share) throws InterruptedException {
        runFor(steps.fraction(share));
    }

    /** Prints {@code <scenario id>: <text>}. */
    public void say(String text) {
        steps.progress(scenario.id() + ": " + text);
    }

    /**
     * Stops the load, waits for the system to settle and audits each mode. {@code faultOver} is
     * when the fault ended; {@code null} for a run without one, whose recovery counts from the
     * load's end.
     *
     * @param faultPoint the crash point the run armed, or {@code null}; a run that armed one says
     *     whether it was reached with {@link #finish(String, boolean, Instant, String)}
     */
    public List<RunResult> finish(String faultPoint, Instant faultOver, String note)
            throws InterruptedException, SQLException {
        return finish(faultPoint, false, faultOver, note);
    }

    /**
     * As {@link #finish(String, Instant, String)}, for a run that armed {@code faultPoint}: {@code
     * reached} says whether the server logged reaching it before its JVM halted.
     */
    public List<RunResult> finish(
            String faultPoint, boolean reached, Instant faultOver, String note)
            throws InterruptedException, SQLException {
        return steps.finish(scenario, faultPoint, reached, loads, started, faultOver, note);
    }
}
