package org.outboxlab.scenario;

import java.sql.SQLException;
import java.util.List;
import org.outboxlab.contract.FaultPlan;

/**
 * A scenario the server stays up for: every mode at once under load for the whole duration, with
 * the fault plan this scenario arms. Its faults hit this run's orders only (the plan's customer
 * prefix is the run's tag), so other traffic on the same server is left alone; they stay armed
 * until the redeliveries are done (a poison message must reach its dead-letter queue), and are
 * cleared however the run ends.
 */
abstract class ServerUpRun implements LabScenario {

    /** The faults this scenario arms for the orders tagged {@code tag}; {@code NONE} for none. */
    abstract FaultPlan plan(String tag);

    /** The run's note, or {@code null}. */
    abstract String note();

    /** What happens once the load has started, before it runs its course. */
    void started(UnderLoad load) {}

    @Override
    public final List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        String tag = steps.nextTag(scenario());
        FaultPlan plan = plan(tag);
        boolean armed = !plan.equals(FaultPlan.NONE);
        if (armed) {
            steps.target().faults(plan);
        }
        try {
            UnderLoad load = steps.underLoad(scenario(), tag, modes);
            started(load);
            load.runFor(steps.load().duration());
            return load.finish(null, null, note());
        } finally {
            if (armed) {
                steps.target().faults(FaultPlan.NONE);
            }
        }
    }
}
