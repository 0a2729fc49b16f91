package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.FaultPlan;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.LifecycleLoad;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;
import org.outboxlab.scenario.WriteRequest;

/**
 * {@code crash-point}: one mode at a time, since a point belongs to one mode's write path: the JVM
 * is armed to halt at the point between the mode's two writes, then at the consumers' points (an
 * effect committed, its message not yet acknowledged; a batch of effects committed, none of its
 * messages acknowledged, reached by bursts of orders placed at once); each halt is followed by a
 * restart on the same data. A halt counts only if the server printed {@link
 * CrashPoint#reachedLine()} before it (a SIGKILL or a crash exits the same way); a point the load
 * never reaches within {@link #HALT_WAIT} is reported, not hidden.
 */
final class CrashPointRun extends TopologyRun {

    /** The consumers' points, run for every mode unless {@link #consumerPointFor} narrows them. */
    static final List<CrashPoint> CONSUMER_POINTS =
            List.of(CrashPoint.CONSUMER_AFTER_DB_COMMIT, CrashPoint.CONSUMER_BATCH_AFTER_DB_COMMIT);

    /**
     * Orders placed at once, every second, while the batch point is armed: with a consumer's 8
     * lanes (each order in one), 16 left XA's lanes mostly with one delivery each and the point
     * unreached in 30 s; 48 put several in each lane's batch.
     */
    private static final int BURST = 48;

    private static final Duration HALT_WAIT = Duration.ofSeconds(30);

    /** The modes the consumers' points are run for; every mode unless narrowed. */
    private volatile Set<String> consumerPointModes;

    /** The consumers' points run; both unless narrowed. */
    private volatile List<CrashPoint> consumerPoints = CONSUMER_POINTS;

    CrashPointRun(LabTopology lab) {
        super(Scenario.CRASH_POINT, lab);
    }

    /**
     * Runs the consumers' {@code points} for {@code modes} only (they are on the consumers' side,
     * the same in every mode; each run costs a JVM halt and a restart); null for every mode.
     */
    void consumerPointFor(Set<String> modes, List<CrashPoint> points) {
        if (!CONSUMER_POINTS.containsAll(points)) {
            throw new IllegalArgumentException("not a consumers' crash point: " + points);
        }
        consumerPointModes = modes == null ? null : Set.copyOf(modes);
        consumerPoints = List.copyOf(points);
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
                for (CrashPoint point : consumerPoints) {
                    results.addAll(crash(steps, mode, point));
                }
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
        Thread bursts = null;
        if (point == CrashPoint.CONSUMER_BATCH_AFTER_DB_COMMIT) {
            bursts = new Thread(() -> bursts(load.loads().get(mode)), "crash-point-bursts");
            bursts.setDaemon(true);
            bursts.start();
        }
        boolean halted = lab.server().awaitExit(HALT_WAIT);
        if (bursts != null) {
            bursts.interrupt();
            bursts.join();
        }
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

    /**
     * Places {@link #BURST} orders at once every second until interrupted, so that their events
     * reach each consumer together and make a batch.
     */
    private static void bursts(LifecycleLoad load) {
        ExecutorService clients = Executors.newFixedThreadPool(BURST);
        try {
            for (int round = 0; !Thread.currentThread().isInterrupted(); round++) {
                List<Callable<WriteRequest>> orders = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    String suffix = "burst-" + round + "-" + i;
                    orders.add(() -> load.placeOne(suffix));
                }
                clients.invokeAll(orders);
                Thread.sleep(1000);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            clients.shutdownNow();
        }
    }
}
