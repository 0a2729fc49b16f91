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
 * {@code node-kill}: node 2 is killed (SIGKILL) after 30 % of the load; node 1 takes its relay
 * partitions over (timed); node 2 starts again and takes its share back; the load runs on.
 */
final class NodeKillRun extends TopologyRun {

    NodeKillRun(LabTopology lab, Consumer<Duration> takeovers) {
        super(Scenario.NODE_KILL, lab, takeovers);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.30);
        lab.node(2).kill();
        Instant killed = Instant.now();
        load.say("node-2 killed (SIGKILL)");
        PartitionOwners owners = partitionOwners(load);
        Duration takeover = owners.awaitNodeOneAlone();
        lab.startNode(2);
        Instant faultOver = Instant.now();
        Duration rebalance = owners.awaitBothNodes();
        String note =
                "node-2 killed (SIGKILL): node-1 owned its partitions after "
                        + PartitionOwners.seconds(takeover)
                        + " s; node-2 back after "
                        + ScenarioSteps.seconds(killed, faultOver)
                        + " s, relaying its share "
                        + PartitionOwners.seconds(rebalance)
                        + " s later";
        load.say(note);
        load.runForShare(0.50);
        return load.finish(null, faultOver, note);
    }
}
