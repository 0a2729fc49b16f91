package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRegistryTest {

    private static LabScenario answering(Scenario scenario) {
        return new LabScenario() {
            @Override
            public Scenario scenario() {
                return scenario;
            }

            @Override
            public List<RunResult> run(ScenarioSteps steps, List<String> modes) {
                return List.of();
            }
        };
    }

    @Test
    void refusesAScenarioThatStopsAProcessUnlessOneRegisteredIt() throws Exception {
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ScenarioRegistry.serverUp()
                                        .run(Scenario.SERVER_KILL, null, List.of()));
        assertEquals(
                "server-kill stops a process: it needs the lab's own processes",
                refused.getMessage());
        assertEquals(
                List.of(),
                ScenarioRegistry.serverUp()
                        .register(answering(Scenario.SERVER_KILL))
                        .run(Scenario.SERVER_KILL, null, List.of()));
    }

    @Test
    void eachScenarioIsRegisteredOnce() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ScenarioRegistry.serverUp().register(answering(Scenario.BASELINE)));
    }
}
