package org.outboxlab.scenario;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scenario the server stays up for: every mode at once under load for the whole duration, with
 * the fault plan this scenario arms. Its faults hit this run's orders only (the plan's customer
 * prefix is the run's tag), so other traffic on the same server is left alone; they stay armed
 * until the redeliveries are done (a poison message must reach its dead-letter queue), and are
 * cleared however the run ends.
 */
abstract class ServerUpRun implements LabScenario {

    /**
     * Arms this scenario's faults for the orders tagged {@code tag}; returns the run's note, or
     * {@code null} if it arms none.
     */
    abstract String arm(LabTarget target, String tag);

    /** What happens once the loads have started, before the load runs its course. */
    void started(Map<String, LifecycleLoad> loads) {}

    @Override
    public final List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        String tag = steps.nextTag(scenario());
        Map<String, LifecycleLoad> loads = steps.loads(tag, modes);
        String note = arm(steps.target(), tag);
        Instant loadStart = Instant.now();
        try {
            ScenarioSteps.start(loads);
            started(loads);
            steps.watch(scenario(), loads, steps.load().duration());
            return steps.finish(scenario(), null, loads, loadStart, null, note);
        } finally {
            if (note != null) {
                steps.target().faults(null);
            }
        }
    }
}
