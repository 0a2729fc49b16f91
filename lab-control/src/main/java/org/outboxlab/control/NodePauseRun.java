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
 * partitions and at least 30 % more load went by, then let run (SIGCONT). Fails if the consumers
 * received anything sent under a lease its sender had lost (a partition epoch lower than one they
 * had applied for the order): fencing must hold at the broker, not only in the marks.
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
        long staleBefore = lab.leases().staleDeliveries();
        lab.node(2).pause();
        Instant paused = Instant.now();
        load.say("node-2 frozen (SIGSTOP)");
        PartitionOwners owners = partitionOwners(load);
        Duration takeover = owners.awaitNodeOneAlone();
        Duration frozen = Duration.between(paused, Instant.now());
        if (frozen.compareTo(steps.fraction(0.30)) < 0) {
            load.runFor(steps.fraction(0.30).minus(frozen));
        }
        return thawNodeTwo(load, owners, new Freeze("", paused, takeover, staleBefore), null);
    }
}
