package org.outboxlab.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * {@code node-pause-at-commit}: after 30 % of the load node 2 is armed to freeze itself inside its
 * next relay batch, the batch's messages sent to the broker and its commit next (the lab's Byteman
 * rule prints {@link #REACHED_LINE} and stops its own JVM with SIGSTOP). Node 1 takes its
 * partitions and publishes the same pending events for {@link #OVERLAP}; then node 2 runs on
 * (SIGCONT) and reaches its broker commit holding a lease it lost. Fails if the consumers counted
 * any delivery sent under a lost lease: the fence's last check, right before the broker commit,
 * must roll that batch back. A point never reached is reported as such, not as a clean run.
 */
final class CommitPauseRun extends TopologyRun {

    /** The fault point, as the run's report names it. */
    static final String POINT = "relay-before-broker-commit";

    /** The line the Byteman rule prints as it freezes the JVM. */
    static final String REACHED_LINE = "outbox fault point " + POINT + " reached: pausing the JVM";

    /** The file in a node's data directory that arms the rule; the rule deletes it as it fires. */
    static final String ARMING_FILE = "outbox-pause-before-broker-commit";

    private static final Duration REACH_WAIT = Duration.ofSeconds(30);

    /**
     * How long node 1 relays alone before node 2 runs on: its drain of the partitions it took, kept
     * short so that node 2's broker session outlives the freeze (connection TTL 10 s) and its late
     * commit reaches the broker.
     */
    static final Duration OVERLAP = Duration.ofSeconds(1);

    CommitPauseRun(LabTopology lab, Consumer<Duration> takeovers) {
        super(Scenario.NODE_PAUSE_AT_COMMIT, lab, takeovers);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.30);
        long staleBefore = lab.leases().staleDeliveries();
        ServerProcess node = lab.node(2);
        Instant paused = freeze(node, load);
        if (paused == null) {
            String note =
                    "fault point "
                            + POINT
                            + " not reached within "
                            + REACH_WAIT.toSeconds()
                            + " s (no relay batch on node-2): no freeze happened";
            load.say(note);
            load.runForShare(0.40);
            return load.finish(POINT, false, Instant.now(), note);
        }
        PartitionOwners owners = partitionOwners(load);
        Duration takeover = owners.awaitNodeOneAlone();
        load.runFor(OVERLAP);
        return thawNodeTwo(
                load,
                owners,
                new Freeze("before its broker commit ", paused, takeover, staleBefore),
                POINT);
    }

    /**
     * Arms {@code node} and waits until it printed {@link #REACHED_LINE} and its JVM stopped;
     * returns when, or null (disarmed again) if no batch reached the point in time.
     */
    private static Instant freeze(ServerProcess node, UnderLoad load)
            throws IOException, InterruptedException {
        ServerProcess.OutputMark mark = node.outputMark();
        Path arming = node.dataDir().resolve(ARMING_FILE);
        Files.deleteIfExists(arming);
        Files.createFile(arming);
        load.say("node-2 armed to freeze before its next broker commit");
        long deadline = System.nanoTime() + REACH_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (node.printedSince(REACHED_LINE, mark) && node.stopped()) {
                Instant paused = Instant.now();
                load.say("node-2 froze itself (SIGSTOP) before its broker commit");
                return paused;
            }
            Thread.sleep(100);
        }
        if (Files.deleteIfExists(arming)) {
            return null;
        }
        throw new IllegalStateException(
                POINT
                        + ": node-2's rule took the arming file but the node did not freeze within "
                        + REACH_WAIT.toSeconds()
                        + " s; see "
                        + node.serverLog());
    }
}
