package org.outboxlab.scenario;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * One scenario that runs itself: it drives the selected modes through {@link ScenarioSteps},
 * injects its own fault, ends it, and returns one audited result per mode it drove (or several, as
 * {@code crash-point} does per point). A scenario leaves the target without its fault when it
 * returns, so the next one starts clean.
 */
public interface LabScenario {

    /** Which of the lab's scenarios this is. */
    Scenario scenario();

    /** Runs the scenario for {@code modes}. */
    List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws IOException, InterruptedException, SQLException;
}
