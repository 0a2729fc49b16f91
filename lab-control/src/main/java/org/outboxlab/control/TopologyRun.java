package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.outboxlab.scenario.LabScenario;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * A scenario that kills, freezes or restarts a process of the lab's {@link LabTopology}, so only
 * the lab's own processes can take it, never a server someone else runs.
 */
abstract class TopologyRun implements LabScenario {

    final LabTopology lab;
    private final Scenario scenario;
    private final Consumer<Duration> takeovers;

    TopologyRun(Scenario scenario, LabTopology lab) {
        this(scenario, lab, took -> {});
    }

    /** {@code takeovers} learns how long each takeover this scenario times took. */
    TopologyRun(Scenario scenario, LabTopology lab, Consumer<Duration> takeovers) {
        this.scenario = scenario;
        this.lab = lab;
        this.takeovers = takeovers;
    }

    /** The relay's partition owners, as this run waits for them; takeovers are reported. */
    final PartitionOwners partitionOwners(UnderLoad load) {
        return new PartitionOwners(lab.leases(), load, takeovers);
    }

    /** Reports how long a takeover took (a node's partitions, or the backup broker serving). */
    final void tookOver(Duration took) {
        takeovers.accept(took);
    }

    /**
     * A freeze of node 2 that node 1 took over from: {@code how} it froze, since when, how long
     * node 1 took to own every partition, and the consumers' stale count before the freeze.
     */
    record Freeze(String how, Instant since, Duration takeover, long staleBefore) {}

    /**
     * Ends {@code freeze}: SIGCONT to node 2, waits until it relays its share again, lets 40 % more
     * load go by and finishes the run (at {@code faultPoint}, reached, or none), failing it if the
     * consumers counted any delivery sent under a lost lease since the freeze began.
     */
    final List<RunResult> thawNodeTwo(
            UnderLoad load, PartitionOwners owners, Freeze freeze, String faultPoint)
            throws InterruptedException, SQLException {
        lab.node(2).resume();
        Instant faultOver = Instant.now();
        Duration rebalance = owners.awaitBothNodes();
        load.runForShare(0.40);
        long stale = lab.leases().staleDeliveries() - freeze.staleBefore();
        String note =
                "node-2 frozen (SIGSTOP) "
                        + freeze.how()
                        + ScenarioSteps.seconds(freeze.since(), faultOver)
                        + " s: node-1 owned its partitions after "
                        + PartitionOwners.seconds(freeze.takeover())
                        + " s; node-2 relaying its share again "
                        + PartitionOwners.seconds(rebalance)
                        + " s after SIGCONT; deliveries from a lease their sender had lost: "
                        + stale;
        load.say(note);
        refuseStale(stale);
        return faultPoint == null
                ? load.finish(null, faultOver, note)
                : load.finish(faultPoint, true, faultOver, note);
    }

    /** Fails the run if the consumers counted {@code stale} deliveries sent under a lost lease. */
    final void refuseStale(long stale) {
        if (stale > 0) {
            throw new IllegalStateException(
                    scenario.id()
                            + ": the consumers received "
                            + stale
                            + " deliveries sent under a lost lease");
        }
    }

    @Override
    public final Scenario scenario() {
        return scenario;
    }
}
