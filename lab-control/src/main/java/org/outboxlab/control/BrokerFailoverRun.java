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
 * {@code broker-failover}: the broker pair's primary is killed after 30 % of the load; the backup
 * takes over (timed) and the load runs on against it; after the audit the primary starts again and
 * takes the journal back, so the next scenario has the pair whole.
 */
final class BrokerFailoverRun extends TopologyRun {

    BrokerFailoverRun(LabTopology lab, Consumer<Duration> takeovers) {
        super(Scenario.BROKER_FAILOVER, lab, takeovers);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.30);
        long killed = System.nanoTime();
        lab.killBroker();
        load.say("primary broker killed (SIGKILL)");
        lab.awaitBackupLive(PartitionOwners.TAKEOVER_WAIT);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        tookOver(takeover);
        Instant faultOver = Instant.now();
        String note =
                "primary broker killed (SIGKILL): the backup served on the same journal "
                        + PartitionOwners.seconds(takeover)
                        + " s after the kill";
        load.say(note);
        load.runForShare(0.60);
        List<RunResult> results = load.finish(null, faultOver, note);
        lab.startBroker();
        load.say("primary broker back, the backup waits again");
        return results;
    }
}
