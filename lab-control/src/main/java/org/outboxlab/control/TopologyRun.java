package org.outboxlab.control;

import java.time.Duration;
import java.util.function.Consumer;
import org.outboxlab.scenario.LabScenario;
import org.outboxlab.scenario.Scenario;
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

    @Override
    public final Scenario scenario() {
        return scenario;
    }
}
