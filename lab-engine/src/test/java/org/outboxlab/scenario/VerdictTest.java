package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static LabRun run(
            String mode,
            String scenario,
            long rejected,
            long lost,
            long phantom,
            long duplicateEffects,
            long outOfOrder,
            long deadLettered,
            Double recoverySeconds) {
        return new LabRun(
                mode,
                null,
                scenario,
                null,
                null,
                null,
                null,
                rejected,
                null,
                lost,
                phantom,
                duplicateEffects,
                null,
                outOfOrder,
                null,
                deadLettered,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                recoverySeconds == null ? null : BigDecimal.valueOf(recoverySeconds),
                null,
                null);
    }

    @Test
    void oneLinePerModeSaysWhichPromisesHeldAndWhereTheyBroke() {
        List<String> lines =
                Verdict.lines(
                        List.of(
                                run("OUTBOX", "baseline", 0, 0, 0, 0, 0, 0, 0.4),
                                run("NAIVE", "baseline", 0, 0, 0, 0, 0, 0, 0.3),
                                run("OUTBOX", "broker-outage", 0, 0, 0, 0, 0, 0, 8.5),
                                run("NAIVE", "broker-outage", 0, 83, 0, 0, 0, 0, null),
                                run("OUTBOX", "consumer-failure", 0, 0, 0, 0, 0, 1, 1.2),
                                run("NAIVE", "crash-point", 2, 1, 0, 0, 1, 0, null)));
        assertEquals(
                List.of(
                        "OUTBOX: kept its promise in all 3 scenarios (nothing lost, invented, duplicated or reordered); "
                                + "refused 0 writes; dead-lettered 1; slowest recovery 8.5 s (broker-outage)",
                        "NAIVE: BROKE its promise in 2 of 3 scenarios (broker-outage, crash-point): lost 84, invented 0, "
                                + "duplicated 0, reordered 1; refused 2 writes; dead-lettered 0; never recovered in broker-outage, "
                                + "crash-point"),
                lines);
    }
}
