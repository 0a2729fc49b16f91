package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * {@code server-kill}: WildFly is killed (SIGKILL) after 30 % of every mode's load and restarted on
 * the same data, so Narayana recovers what was in doubt; the load runs on for 70 % more.
 */
final class ServerKillRun extends TopologyRun {

    ServerKillRun(LabTopology lab) {
        super(Scenario.SERVER_KILL, lab);
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException {
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.30);
        lab.killServer();
        Instant killed = Instant.now();
        load.say("WildFly killed (SIGKILL), restarting");
        lab.startServer();
        Instant faultOver = Instant.now();
        String note =
                "WildFly down "
                        + ScenarioSteps.seconds(killed, faultOver)
                        + " s (kill to serving again)";
        load.say("WildFly serving again, " + note);
        load.runForShare(0.70);
        return load.finish(null, faultOver, note);
    }
}
