package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.FaultPlan;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * {@code crash-point}: one mode at a time, since a point belongs to one mode's write path: the JVM
 * is armed to halt at the point between the mode's two writes, then at the consumers' point (effect
 * committed, message not yet acknowledged); each halt is followed by a restart on the same data. A
 * halt counts only if the server printed {@link CrashPoint#reachedLine()} before it (a SIGKILL or a
 * crash exits the same way); a point the load never reaches within {@link #HALT_WAIT} is reported,
 * not hidden.
 */
final class CrashPointRun extends TopologyRun {

    /** The consumers' point, run for every mode unless {@link #consumerPointFor} narrows it. */
    static final CrashPoint CONSUMER_POINT = CrashPoint.CONSUMER_AFTER_DB_COMMIT;

    private static final Duration HALT_WAIT = Duration.ofSeconds(30);

    /** The modes the consumers' point is run for; every mode unless narrowed. */
    private volatile Set<String> consumerPointModes;

    CrashPointRun(LabTopology lab) {
        super(Scenario.CRASH_POINT, lab);
    }

    /**
     * Runs the consumers' point for {@code modes} only (the point is on the consumers' side, the
     * same in every mode; each run costs a JVM halt and a restart); null for every mode.
     */
    void consumerPointFor(Set<String> modes) {
        consumerPointModes = modes == null ? null : Set.copyOf(modes);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        List<RunResult> results = new ArrayList<>();
        for (String mode : modes) {
            CrashPoint writePoint = CrashPoint.betweenTheWritesOf(WriteMode.valueOf(mode));
            results.addAll(crash(steps, mode, writePoint));
            Set<String> consumerModes = consumerPointModes;
            if (consumerModes == null || consumerModes.contains(mode)) {
                results.addAll(crash(steps, mode, CONSUMER_POINT));
            }
        }
        return results;
    }

    private List<RunResult> crash(ScenarioSteps steps, String mode, CrashPoint point)
            throws IOException, InterruptedException, SQLException {
        long mark = lab.server().serverLogMark();
        lab.faults(FaultPlan.crashAt(point));
        UnderLoad load = steps.underLoad(scenario(), List.of(mode));
        load.say(mode + " armed at " + point.id() + ", waiting for the halt");
        boolean halted = lab.server().awaitExit(HALT_WAIT);
        boolean reached = false;
        String note;
        Instant faultOver;
        if (halted) {
            Instant down = Instant.now();
            reached = lab.server().logged(point.reachedLine(), mark);
            String how =
                    (reached
                                    ? "JVM halted at " + point.id()
                                    : "JVM exited without logging " + point.id() + " reached")
                            + " (exit "
                            + lab.server().exitValue()
                            + ")";
            load.say(how + ", restarting");
            lab.startServer();
            faultOver = Instant.now();
            note = how + "; WildFly back after " + ScenarioSteps.seconds(down, faultOver) + " s";
        } else {
            lab.faults(FaultPlan.NONE);
            faultOver = Instant.now();
            note =
                    "fault point "
                            + point.id()
                            + " not reached within "
                            + HALT_WAIT.toSeconds()
                            + " s: no crash happened";
        }
        load.say(note);
        load.runForShare(0.5);
        return load.finish(point.id(), reached, faultOver, note);
    }
}
