package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.outboxlab.scenario.LabScenario;
import org.outboxlab.scenario.LifecycleLoad;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;

/**
 * {@code node-kill}: node 2 is killed (SIGKILL) after 30 % of the load; node 1 takes its relay
 * partitions over (timed); node 2 starts again and takes its share back; the load runs on.
 */
final class NodeKillRun implements LabScenario {

    private final LabTopology lab;
    private final Consumer<Duration> takeovers;

    /** {@code takeovers} learns how long node 1 took to own every partition. */
    NodeKillRun(LabTopology lab, Consumer<Duration> takeovers) {
        this.lab = lab;
        this.takeovers = takeovers;
    }

    @Override
    public Scenario scenario() {
        return Scenario.NODE_KILL;
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        Scenario scenario = scenario();
        Map<String, LifecycleLoad> loads = steps.loads(steps.nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        ScenarioSteps.start(loads);
        steps.watch(scenario, loads, steps.fraction(0.30));
        lab.node(2).kill();
        Instant killed = Instant.now();
        steps.progress(scenario.id() + ": node-2 killed (SIGKILL)");
        Duration takeover = PartitionOwners.await(lab.leases(), Set.of("node-1"));
        takeovers.accept(takeover);
        steps.progress(
                scenario.id()
                        + ": node-1 owns every partition after "
                        + PartitionOwners.seconds(takeover)
                        + " s");
        lab.startNode(2);
        Instant faultOver = Instant.now();
        Duration rebalance = PartitionOwners.await(lab.leases(), Set.of("node-1", "node-2"));
        String note =
                "node-2 killed (SIGKILL): node-1 owned its partitions after "
                        + PartitionOwners.seconds(takeover)
                        + " s; node-2 back after "
                        + ScenarioSteps.seconds(killed, faultOver)
                        + " s, relaying its share "
                        + PartitionOwners.seconds(rebalance)
                        + " s later";
        steps.progress(scenario.id() + ": " + note);
        steps.watch(scenario, loads, steps.fraction(0.50));
        return steps.finish(scenario, null, loads, loadStart, faultOver, note);
    }
}
