package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * {@code node-restart}: node 2 is stopped gracefully after 30 % of the load. It gives its
 * partitions up as it stops, so node 1 must hold them all before node 2's last leases would have
 * run out (the run fails otherwise: that is a node leaving without giving them up); the handover is
 * timed from the release. Node 2 starts again and takes its share back; the load runs on.
 */
final class NodeRestartRun extends TopologyRun {

    NodeRestartRun(LabTopology lab, Consumer<Duration> takeovers) {
        super(Scenario.NODE_RESTART, lab, takeovers);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.30);
        Instant stopping = Instant.now();
        load.say("node-2 stopping gracefully");
        CompletableFuture<Void> stop = CompletableFuture.runAsync(this::stopNodeTwo);
        GracefulHandover handover =
                GracefulHandover.watch(
                        lab.leases(), "node-2", "node-1", PartitionOwners.TAKEOVER_WAIT);
        try {
            stop.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("node-2 did not stop: " + e.getCause(), e.getCause());
        }
        Instant stopped = Instant.now();
        if (!handover.beforeLeasesRanOut()) {
            throw new IllegalStateException(
                    "node-restart: node-1 held node-2's partitions only "
                            + handover.margin()
                            + " s after node-2's leases ran out: node-2 did not give them up as it"
                            + " stopped");
        }
        tookOver(handover.afterRelease());
        lab.startNode(2);
        Instant faultOver = Instant.now();
        Duration rebalance = partitionOwners(load).awaitBothNodes();
        String note =
                "node-2 stopped gracefully in "
                        + ScenarioSteps.seconds(stopping, stopped)
                        + " s: node-1 held its partitions "
                        + PartitionOwners.seconds(handover.afterRelease())
                        + " s after it released them, "
                        + handover.margin()
                        + " s before its leases would have run out; node-2 back after "
                        + ScenarioSteps.seconds(stopping, faultOver)
                        + " s, relaying its share "
                        + PartitionOwners.seconds(rebalance)
                        + " s later";
        load.say(note);
        load.runForShare(0.50);
        return load.finish(null, faultOver, note);
    }

    private void stopNodeTwo() {
        try {
            lab.node(2).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while node-2 stopped", e);
        }
    }
}
