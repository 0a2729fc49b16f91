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
 * {@code node-kill}: node 2 is killed (SIGKILL) after 30 % of the load; node 1 takes its relay
 * partitions over (timed) and, where node 2 was reading the replication slot (log tailing or change
 * data capture), the slot too (timed from the kill); node 2 starts again and takes its share back;
 * the load runs on.
 */
final class NodeKillRun extends TopologyRun {

    private final Consumer<Duration> slotTakeovers;

    /** {@code slotTakeovers} learns how long node 1 took to read a slot node 2 was reading. */
    NodeKillRun(LabTopology lab, Consumer<Duration> takeovers, Consumer<Duration> slotTakeovers) {
        super(Scenario.NODE_KILL, lab, takeovers);
        this.slotTakeovers = slotTakeovers;
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        slotTakeovers.accept(null);
        load.runForShare(0.30);
        boolean slotReader = lab.leases().slotReader().filter("node-2"::equals).isPresent();
        PartitionOwners owners = partitionOwners(load);
        lab.node(2).kill();
        Instant killed = Instant.now();
        load.say("node-2 killed (SIGKILL)" + (slotReader ? ", the slot's reader" : ""));
        // the slot is watched from the kill on, beside the partitions, not after them
        CompletableFuture<Duration> slotTaken =
                slotReader
                        ? CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return owners.awaitSlotReader("node-1", killed);
                                    } catch (SQLException | InterruptedException e) {
                                        throw new CompletionException(e);
                                    }
                                })
                        : null;
        Duration takeover = owners.awaitNodeOneAlone();
        String slot = "";
        if (slotTaken != null) {
            Duration slotTakeover;
            try {
                slotTakeover = slotTaken.join();
            } catch (CompletionException e) {
                throw new IllegalStateException(
                        "watching the slot's takeover: " + e.getCause(), e.getCause());
            }
            slotTakeovers.accept(slotTakeover);
            slot = "; node-1 read the slot " + PartitionOwners.seconds(slotTakeover) + " s after";
        }
        lab.startNode(2);
        Instant faultOver = Instant.now();
        Duration rebalance = owners.awaitBothNodes();
        String note =
                "node-2 killed (SIGKILL): node-1 owned its partitions after "
                        + PartitionOwners.seconds(takeover)
                        + " s"
                        + slot
                        + "; node-2 back after "
                        + ScenarioSteps.seconds(killed, faultOver)
                        + " s, relaying its share "
                        + PartitionOwners.seconds(rebalance)
                        + " s later";
        load.say(note);
        load.runForShare(0.50);
        return load.finish(null, faultOver, note);
    }
}
