package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * The shape of an outage of one process under every mode's load: after 25 % of the load the process
 * is killed, {@code down} later restarted, then 40 % more load runs (at least 5 s); the fault is
 * over when the process is back.
 */
record ProcessOutage(String what, Runnable kill, Duration down, Runnable restart) {

    private static final Duration AFTER_AT_LEAST = Duration.ofSeconds(5);

    List<RunResult> run(ScenarioSteps steps, Scenario scenario, List<String> modes, String note)
            throws InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario, modes);
        load.runForShare(0.25);
        Instant faultOver = killAndRestart(steps, load, () -> {});
        return load.finish(null, faultOver, note);
    }

    /**
     * The outage itself, the load running: kills the process, restarts it {@code down} later, runs
     * {@code whenBack} at once and lets 40 % more load go by; returns when the process was back.
     */
    Instant killAndRestart(ScenarioSteps steps, UnderLoad load, Runnable whenBack)
            throws InterruptedException {
        kill.run();
        load.say(what + " killed (SIGKILL), restarting in " + down.toSeconds() + " s");
        load.runFor(down);
        restart.run();
        Instant faultOver = Instant.now();
        whenBack.run();
        load.say(
                what
                        + " restarted after "
                        + ScenarioSteps.seconds(load.started(), faultOver)
                        + " s of load");
        Duration after = steps.fraction(0.40);
        load.runFor(after.compareTo(AFTER_AT_LEAST) < 0 ? AFTER_AT_LEAST : after);
        return faultOver;
    }
}
