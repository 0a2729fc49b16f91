package org.outboxlab.control;

import java.io.IOException;
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
 * rule prints the point's line and stops its own JVM with SIGSTOP: {@link PausePoint}). Node 1
 * takes its partitions and publishes the same pending events for {@link #OVERLAP}; then node 2 runs
 * on (SIGCONT) and reaches its broker commit holding a lease it lost. Fails if the consumers
 * counted any delivery sent under a lost lease: the fence's last check, right before the broker
 * commit, must roll that batch back. A point never reached is reported as such, not as a clean run.
 */
final class CommitPauseRun extends TopologyRun {

    /** The fault point, as the run's report names it. */
    static final PausePoint POINT = PausePoint.RELAY_BEFORE_BROKER_COMMIT;

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
                            + POINT.id()
                            + " not reached within "
                            + REACH_WAIT.toSeconds()
                            + " s (no relay batch on node-2): no freeze happened";
            load.say(note);
            load.runForShare(0.40);
            return load.finish(POINT.id(), false, Instant.now(), note);
        }
        PartitionOwners owners = partitionOwners(load);
        Duration takeover = owners.awaitNodeOneAlone();
        load.runFor(OVERLAP);
        return thawNodeTwo(
                load,
                owners,
                new Freeze("before its broker commit ", paused, takeover, staleBefore),
                POINT.id());
    }

    private static Instant freeze(ServerProcess node, UnderLoad load)
            throws IOException, InterruptedException {
        load.say("node-2 armed to freeze before its next broker commit");
        Instant paused = POINT.freeze(node, REACH_WAIT);
        if (paused != null) {
            load.say("node-2 froze itself (SIGSTOP) before its broker commit");
        }
        return paused;
    }
}
