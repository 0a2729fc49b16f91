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
 * {@code node-cut-off}: after 30 % of the load node 2 loses PostgreSQL (its connections through the
 * lab's link closed, new ones refused) while node 1 keeps it. Node 2 cannot renew its leases, so
 * node 1 takes its partitions once they run out (timed); node 2's writes are refused meanwhile. The
 * link is mended, node 2 takes its share back, and the run fails if the consumers counted a
 * delivery sent under a lease node 2 had lost, or if the cut closed none of node 2's connections.
 */
final class NodeCutOffRun extends TopologyRun {

    /** How long node 2 stays cut off after node 1 took its partitions, taking writes it refuses. */
    private static final Duration CUT_OFF_AFTER_TAKEOVER = Duration.ofSeconds(2);

    NodeCutOffRun(LabTopology lab, Consumer<Duration> takeovers) {
        super(Scenario.NODE_CUT_OFF, lab, takeovers);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        if (!lab.nodeTwoLinked()) {
            throw new IllegalStateException(
                    "node-cut-off needs node 2's database connections through the lab's link"
                            + " (LabTopology.linkNodeTwoToTheDatabase)");
        }
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.30);
        long staleBefore = lab.leases().staleDeliveries();
        long closed = lab.cutNodeTwoOff();
        Instant cut = Instant.now();
        load.say(
                "node-2 cut off from PostgreSQL: "
                        + closed
                        + " connections closed, new ones refused");
        if (closed == 0) {
            lab.reconnectNodeTwo();
            throw new IllegalStateException(
                    "node-cut-off: the link closed no connection: node 2 (its pool keeps at least"
                            + " two) does not reach PostgreSQL through it, so it was never cut off");
        }
        PartitionOwners owners = partitionOwners(load);
        Duration takeover = owners.awaitNodeOneAlone();
        load.runFor(CUT_OFF_AFTER_TAKEOVER);
        long refused = lab.reconnectNodeTwo();
        Instant faultOver = Instant.now();
        Duration rebalance = owners.awaitBothNodes();
        load.runForShare(0.40);
        long stale = lab.leases().staleDeliveries() - staleBefore;
        String note =
                "node-2 cut off from PostgreSQL "
                        + ScenarioSteps.seconds(cut, faultOver)
                        + " s ("
                        + closed
                        + " connections closed, "
                        + refused
                        + " refused): node-1 owned its partitions after "
                        + PartitionOwners.seconds(takeover)
                        + " s; node-2 relaying its share again "
                        + PartitionOwners.seconds(rebalance)
                        + " s after the link was mended; deliveries from a lease their sender had"
                        + " lost: "
                        + stale;
        load.say(note);
        refuseStale(stale);
        return load.finish(null, faultOver, note);
    }
}
