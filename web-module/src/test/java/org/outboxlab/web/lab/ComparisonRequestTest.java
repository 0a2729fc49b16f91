package org.outboxlab.web.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.outboxlab.scenario.Scenario;

class ComparisonRequestTest {

    @Test
    void aValidRequestKeepsTheLabsModeOrderAndReadsAsTheCommandLine() {
        ComparisonRequest request =
                ComparisonRequest.of(List.of("XA", "OUTBOX"), List.of("baseline"), 1, 2.0, 3);
        assertEquals(List.of("OUTBOX", "XA"), request.modes());
        assertEquals(List.of(Scenario.BASELINE), request.scenarios());
        assertFalse(request.needsFaults());
        assertEquals(
                "--modes OUTBOX,XA --scenarios baseline --clients 1 --rate 2 --seconds 3",
                request.options());
        assertEquals(
                "1 client per mode, 2 orders/s per mode, 3 s per scenario", request.loadText());
        assertEquals(
                "2.5",
                ComparisonRequest.of(List.of("NAIVE"), List.of("redelivery"), 2, 2.5, 3)
                        .options()
                        .replaceAll(".*--rate (\\S+).*", "$1"));
    }

    @Test
    void theFaultScenariosNeedFaultInjection() {
        assertTrue(
                ComparisonRequest.of(
                                List.of("OUTBOX"),
                                List.of("baseline", "consumer-failure"),
                                1,
                                1.0,
                                1)
                        .needsFaults());
        assertEquals(
                List.of(Scenario.BASELINE, Scenario.CONSUMER_FAILURE, Scenario.REDELIVERY),
                ComparisonRequest.startable());
    }

    @Test
    void badInputIsRefusedWithWhatToChange() {
        assertEquals(
                "Load refused: clients per mode: 1..64, was 0.",
                refusal(List.of("OUTBOX"), List.of("baseline"), 0, 2.0, 3));
        assertTrue(
                refusal(List.of("OUTBOX"), List.of("baseline"), 1, 0.0, 3)
                        .startsWith("Load refused: orders per second"));
        assertTrue(
                refusal(List.of("OUTBOX"), List.of("baseline"), 1, 2.0, 0)
                        .startsWith("Load refused: duration"));
        assertEquals(
                "Choose at least one write mode.",
                refusal(List.of(), List.of("baseline"), 1, 2.0, 3));
        assertEquals(
                "Choose at least one scenario.", refusal(List.of("OUTBOX"), List.of(), 1, 2.0, 3));
        assertTrue(
                refusal(List.of("OUTBOX", "2PC"), List.of("baseline"), 1, 2.0, 3)
                        .startsWith("Unknown write mode 2PC"));
        assertEquals(
                "server-kill stops a process: run it with lab/compare.sh.",
                refusal(List.of("OUTBOX"), List.of("server-kill"), 1, 2.0, 3));
        assertEquals(
                "Unknown scenario chaos.", refusal(List.of("OUTBOX"), List.of("chaos"), 1, 2.0, 3));
        assertEquals(
                "Set clients, orders per second and seconds.",
                refusal(List.of("OUTBOX"), List.of("baseline"), null, 2.0, 3));
    }

    private static String refusal(
            List<String> modes,
            List<String> scenarios,
            Integer clients,
            Double rate,
            Integer seconds) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> ComparisonRequest.of(modes, scenarios, clients, rate, seconds))
                .getMessage();
    }
}
