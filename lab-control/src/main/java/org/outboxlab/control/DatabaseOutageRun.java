package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;

/**
 * {@code db-outage}: PostgreSQL is killed (SIGKILL, every process of it) for {@code down} while
 * every mode writes, then restarted through crash recovery; deliveries must wait for it rather than
 * spend their attempts.
 */
final class DatabaseOutageRun extends TopologyRun {

    private final Duration down;

    DatabaseOutageRun(LabTopology lab, Duration down) {
        super(Scenario.DB_OUTAGE, lab);
        this.down = down;
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        return new ProcessOutage("PostgreSQL", lab::killDatabase, down, lab::startDatabase)
                .run(
                        steps,
                        scenario(),
                        modes,
                        "PostgreSQL down "
                                + down.toSeconds()
                                + " s (SIGKILL, then crash recovery on restart)");
    }
}
