package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.scenario.LoadOptions;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioRegistry;
import org.outboxlab.scenario.ScenarioSteps;

/**
 * Runs every scenario against a {@link LabTopology}: the ones a running server can take, and the
 * ones that kill a process of it ({@link BrokerOutageRun}, {@link DatabaseOutageRun}, {@link
 * ServerKillRun}, {@link CrashPointRun}, {@link RelayStallRun}; with two or more nodes {@link
 * NodeKillRun}, {@link NodeRestartRun}, {@link NodeCutOffRun}, {@link NodePauseRun}, {@link
 * CommitPauseRun} and {@link BrokerFailoverRun}), each registered once. One instance serves a whole
 * comparison: its runs' customer tags never repeat.
 */
public final class ScenarioRunner {

    /**
     * How long PostgreSQL stays down in {@code db-outage} by default: far past the broker's
     * redelivery attempts (about 3 s).
     */
    public static final Duration DATABASE_DOWN = Duration.ofSeconds(20);

    private final ScenarioSteps steps;
    private final ScenarioRegistry scenarios;
    private final CrashPointRun crashPoints;
    private volatile Duration lastTakeover;
    private volatile Duration lastSlotTakeover;

    public ScenarioRunner(LabTopology lab, LoadOptions load, Consumer<String> progress) {
        this(lab, load, progress, DATABASE_DOWN);
    }

    /** As above, with PostgreSQL down {@code databaseDown} in {@code db-outage}. */
    public ScenarioRunner(
            LabTopology lab, LoadOptions load, Consumer<String> progress, Duration databaseDown) {
        this.steps = new ScenarioSteps(lab, load, progress, null);
        Consumer<Duration> takeovers = took -> lastTakeover = took;
        this.crashPoints = new CrashPointRun(lab);
        this.scenarios =
                ScenarioRegistry.serverUp()
                        .register(
                                new BrokerOutageRun(lab),
                                new DatabaseOutageRun(lab, databaseDown),
                                new ServerKillRun(lab),
                                crashPoints,
                                new RelayStallRun(lab),
                                new NodeKillRun(lab, takeovers, took -> lastSlotTakeover = took),
                                new NodeRestartRun(lab, takeovers),
                                new NodeCutOffRun(lab, takeovers),
                                new NodePauseRun(lab, takeovers),
                                new CommitPauseRun(lab, takeovers),
                                new BrokerFailoverRun(lab, takeovers));
    }

    /**
     * Runs {@code crash-point}'s consumers' {@code points} (the same in every mode) for {@code
     * modes} only, instead of both points for every mode: the suite's shortened lab does, the
     * comparison does not.
     */
    public ScenarioRunner consumerCrashPointsFor(List<String> modes, CrashPoint... points) {
        crashPoints.consumerPointFor(java.util.Set.copyOf(modes), List.of(points));
        return this;
    }

    /**
     * Counts runs whose lost or parked events stop changing as settled after {@code window} instead
     * of 15 s: only for servers whose Narayana recovery pass (period plus backoff) is shorter than
     * {@code window}.
     */
    public ScenarioRunner settleWindow(Duration window) {
        steps.settleWindow(window);
        return this;
    }

    /**
     * How long the last {@code node-kill}, {@code node-cut-off} or {@code node-pause}(-at-commit)
     * took until node 1 owned every partition, the last {@code node-restart} from node 2's release
     * until then, or the last {@code broker-failover} until the backup served; null before one ran.
     */
    public Duration lastTakeover() {
        return lastTakeover;
    }

    /**
     * How long the last {@code node-kill} of the replication slot's reader took, from the kill
     * until node 1 held the slot's lease; null before one killed the slot's reader.
     */
    public Duration lastSlotTakeover() {
        return lastSlotTakeover;
    }

    /** Runs {@code scenario} for {@code modes} and returns one audited result per mode. */
    public List<RunResult> run(Scenario scenario, List<String> modes)
            throws InterruptedException, SQLException {
        return scenarios.run(scenario, steps, modes);
    }
}
