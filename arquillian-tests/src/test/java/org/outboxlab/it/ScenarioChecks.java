package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.outboxlab.control.ScenarioRunner;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;

/** What the process-level scenario tests check of every audited run. */
final class ScenarioChecks {

    private ScenarioChecks() {}

    /** Runs {@code scenario} for {@code modes}, prints each result, and returns them by mode. */
    static Map<String, RunResult> run(
            ScenarioRunner runner, String label, Scenario scenario, List<String> modes)
            throws Exception {
        List<RunResult> results = runner.run(scenario, modes);
        results.forEach(r -> System.out.println("[" + label + "] " + r));
        return results.stream().collect(Collectors.toMap(RunResult::mode, Function.identity()));
    }

    /**
     * No phantom, duplicate or reordered effect, no second apply refused by an effect's unique key,
     * nothing acknowledged and missing, nothing lost but in NAIVE, no heuristic outcome or
     * transaction left prepared, no answer but a success or a documented refusal, nothing
     * dead-lettered but consumer-failure's poison (in every mode), in a cluster no delivery the
     * consumers counted as sent under a lost lease, and the audit saw a settled system.
     */
    static void assertClean(RunResult r) {
        String where = r.mode() + " in " + r.scenario() + ": " + r;
        assertTrue(r.quiesced(), "settled before the audit: " + where);
        assertEquals(0, r.phantom(), "phantoms, " + where);
        assertEquals(0, r.duplicateEffects(), "duplicate effects, " + where);
        assertEquals(
                0L,
                r.effectKeyRollbacks(),
                "second applies the effect tables' unique key refused (read from PostgreSQL's log), "
                        + where);
        assertEquals(0, r.outOfOrder(), "out of order, " + where);
        assertEquals(0, r.ackedButMissing(), "acknowledged but missing, " + where);
        assertEquals(0, r.errors(), "answers neither a success nor a documented refusal, " + where);
        assertEquals(0, r.heuristic(), "XA heuristics or transactions left prepared, " + where);
        assertEquals(
                r.scenario().equals(Scenario.CONSUMER_FAILURE.id()) ? 1 : 0,
                r.deadLettered(),
                "dead-lettered (only consumer-failure's poison may be), " + where);
        if (!r.mode().equals("NAIVE")) {
            assertEquals(0, r.lost(), "lost, " + where);
        }
        if (r.stalePublishes() != null) {
            assertEquals(0L, r.stalePublishes(), "deliveries sent under a lost lease, " + where);
        }
    }
}
