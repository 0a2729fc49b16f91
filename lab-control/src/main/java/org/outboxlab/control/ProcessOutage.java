package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.outboxlab.scenario.LifecycleLoad;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;

/**
 * The shape of an outage of one process under every mode's load: after 25 % of the load the process
 * is killed, {@code down} later restarted, then 40 % more load runs (at least 5 s); the fault is
 * over when the process is back.
 */
record ProcessOutage(String what, Runnable kill, Duration down, Runnable restart) {

    List<RunResult> run(ScenarioSteps steps, Scenario scenario, List<String> modes, String note)
            throws InterruptedException, SQLException {
        Map<String, LifecycleLoad> loads = steps.loads(steps.nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        ScenarioSteps.start(loads);
        steps.watch(scenario, loads, steps.fraction(0.25));
        kill.run();
        steps.progress(
                scenario.id()
                        + ": "
                        + what
                        + " killed (SIGKILL), restarting in "
                        + down.toSeconds()
                        + " s");
        steps.watch(scenario, loads, down);
        restart.run();
        Instant faultOver = Instant.now();
        steps.progress(
                scenario.id()
                        + ": "
                        + what
                        + " restarted after "
                        + ScenarioSteps.seconds(loadStart, faultOver)
                        + " s of load");
        Duration after = steps.fraction(0.40);
        steps.watch(
                scenario,
                loads,
                after.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : after);
        return steps.finish(scenario, null, loads, loadStart, faultOver, note);
    }
}
