package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;

/**
 * {@code broker-outage}: the broker is killed (SIGKILL) for 35 % of the load (at least 3 s), then
 * restarted on its journal, while every mode writes.
 */
final class BrokerOutageRun extends TopologyRun {

    BrokerOutageRun(LabTopology lab) {
        super(Scenario.BROKER_OUTAGE, lab);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        Duration down = steps.fraction(0.35);
        return new ProcessOutage(
                        "broker",
                        lab::killBroker,
                        down.compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : down,
                        lab::startBroker)
                .run(steps, scenario(), modes, null);
    }
}
