package org.outboxlab.control;

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
 * {@code node-pause}: node 2 is frozen (SIGSTOP) after 30 % of the load until node 1 owns its
 * partitions and at least 30 % more load went by, then let run (SIGCONT). Fails if node 2 published
 * anything while another node held the lease: fencing must hold.
 */
final class NodePauseRun extends TopologyRun {

    NodePauseRun(LabTopology lab, Consumer<Duration> takeovers) {
        super(Scenario.NODE_PAUSE, lab, takeovers);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.30);
        lab.node(2).pause();
        Instant paused = Instant.now();
        load.say("node-2 frozen (SIGSTOP)");
        PartitionOwners owners = partitionOwners(load);
        Duration takeover = owners.awaitNodeOneAlone();
        Duration frozen = Duration.between(paused, Instant.now());
        if (frozen.compareTo(steps.fraction(0.30)) < 0) {
            load.runFor(steps.fraction(0.30).minus(frozen));
        }
        lab.node(2).resume();
        Instant faultOver = Instant.now();
        Duration rebalance = owners.awaitBothNodes();
        load.runForShare(0.40);
        long stale = lab.leases().publishedWithoutLease("node-2", paused);
        String note =
                "node-2 frozen (SIGSTOP) "
                        + ScenarioSteps.seconds(paused, faultOver)
                        + " s: node-1 owned its partitions after "
                        + PartitionOwners.seconds(takeover)
                        + " s; node-2 relaying its share again "
                        + PartitionOwners.seconds(rebalance)
                        + " s after SIGCONT; events node-2 published under a lease it had lost: "
                        + stale;
        load.say(note);
        if (stale > 0) {
            throw new IllegalStateException(
                    scenario().id() + ": node-2 published " + stale + " events without the lease");
        }
        return load.finish(null, faultOver, note);
    }
}
