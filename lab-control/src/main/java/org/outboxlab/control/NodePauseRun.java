package org.outboxlab.control;

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
 * {@code node-pause}: node 2 is frozen (SIGSTOP) after 30 % of the load until node 1 owns its
 * partitions and at least 30 % more load went by, then let run (SIGCONT). Fails if node 2 published
 * anything while another node held the lease: fencing must hold.
 */
final class NodePauseRun implements LabScenario {

    private final LabTopology lab;
    private final Consumer<Duration> takeovers;

    /** {@code takeovers} learns how long node 1 took to own every partition. */
    NodePauseRun(LabTopology lab, Consumer<Duration> takeovers) {
        this.lab = lab;
        this.takeovers = takeovers;
    }

    @Override
    public Scenario scenario() {
        return Scenario.NODE_PAUSE;
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        Scenario scenario = scenario();
        Map<String, LifecycleLoad> loads = steps.loads(steps.nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        ScenarioSteps.start(loads);
        steps.watch(scenario, loads, steps.fraction(0.30));
        lab.node(2).pause();
        Instant paused = Instant.now();
        steps.progress(scenario.id() + ": node-2 frozen (SIGSTOP)");
        Duration takeover = PartitionOwners.await(lab.leases(), Set.of("node-1"));
        takeovers.accept(takeover);
        steps.progress(
                scenario.id()
                        + ": node-1 owns every partition after "
                        + PartitionOwners.seconds(takeover)
                        + " s");
        Duration frozen = Duration.between(paused, Instant.now());
        if (frozen.compareTo(steps.fraction(0.30)) < 0) {
            steps.watch(scenario, loads, steps.fraction(0.30).minus(frozen));
        }
        lab.node(2).resume();
        Instant faultOver = Instant.now();
        Duration rebalance = PartitionOwners.await(lab.leases(), Set.of("node-1", "node-2"));
        steps.watch(scenario, loads, steps.fraction(0.40));
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
        steps.progress(scenario.id() + ": " + note);
        if (stale > 0) {
            throw new IllegalStateException(
                    scenario.id() + ": node-2 published " + stale + " events without the lease");
        }
        return steps.finish(scenario, null, loads, loadStart, faultOver, note);
    }
}
