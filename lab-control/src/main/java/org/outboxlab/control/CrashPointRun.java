package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.LabScenario;
import org.outboxlab.scenario.LifecycleLoad;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;

/**
 * {@code crash-point}: one mode at a time, since a point belongs to one mode's write path: the JVM
 * is armed to halt at the point between the mode's two writes, then at the consumers' point (effect
 * committed, message not yet acknowledged); each halt is followed by a restart on the same data. A
 * point the load never reaches within {@link #HALT_WAIT} is reported, not hidden.
 */
final class CrashPointRun implements LabScenario {

    /** The consumers' point, run for every mode. */
    static final CrashPoint CONSUMER_POINT = CrashPoint.CONSUMER_AFTER_DB_COMMIT;

    private static final Duration HALT_WAIT = Duration.ofSeconds(30);

    private final LabTopology lab;

    CrashPointRun(LabTopology lab) {
        this.lab = lab;
    }

    @Override
    public Scenario scenario() {
        return Scenario.CRASH_POINT;
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        List<RunResult> results = new ArrayList<>();
        for (String mode : modes) {
            CrashPoint writePoint = CrashPoint.betweenTheWritesOf(WriteMode.valueOf(mode));
            results.addAll(crash(steps, mode, writePoint.id()));
            results.addAll(crash(steps, mode, CONSUMER_POINT.id()));
        }
        return results;
    }

    private List<RunResult> crash(ScenarioSteps steps, String mode, String point)
            throws IOException, InterruptedException, SQLException {
        Scenario scenario = scenario();
        Map<String, LifecycleLoad> loads = steps.loads(steps.nextTag(scenario), List.of(mode));
        lab.faults("{\"crashPoint\":\"" + point + "\"}");
        Instant loadStart = Instant.now();
        ScenarioSteps.start(loads);
        steps.progress(
                scenario.id() + ": " + mode + " armed at " + point + ", waiting for the halt");
        boolean halted = lab.server().awaitExit(HALT_WAIT);
        String note;
        Instant faultOver;
        if (halted) {
            Instant down = Instant.now();
            steps.progress(
                    scenario.id()
                            + ": JVM halted at "
                            + point
                            + " (exit "
                            + lab.server().exitValue()
                            + "), restarting");
            lab.startServer();
            faultOver = Instant.now();
            note =
                    "JVM halted at "
                            + point
                            + "; WildFly back after "
                            + ScenarioSteps.seconds(down, faultOver)
                            + " s";
        } else {
            lab.faults(null);
            faultOver = Instant.now();
            note =
                    "fault point "
                            + point
                            + " not reached within "
                            + HALT_WAIT.toSeconds()
                            + " s: no crash happened";
        }
        steps.progress(scenario.id() + ": " + note);
        steps.watch(scenario, loads, steps.fraction(0.5));
        return steps.finish(scenario, point, loads, loadStart, faultOver, note);
    }
}
