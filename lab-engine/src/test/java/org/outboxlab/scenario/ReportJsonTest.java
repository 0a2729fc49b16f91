package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static final RunResult CRASHED =
            new RunResult(
                    "XA",
                    "crash-point",
                    "xa-after-prepare",
                    true,
                    50,
                    48,
                    2,
                    0,
                    0,
                    1,
                    2,
                    3,
                    0,
                    1,
                    0,
                    1,
                    1,
                    0,
                    0,
                    null,
                    null,
                    120.04,
                    3.25,
                    7.5,
                    11.0,
                    12.345,
                    true,
                    "one in-doubt transaction");
    private static final RunResult NEVER_RECOVERED =
            new RunResult(
                    "OUTBOX",
                    "baseline",
                    null,
                    false,
                    10,
                    10,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    null,
                    null,
                    99.96,
                    1.0,
                    2.0,
                    3.0,
                    null,
                    false,
                    null);

    /** What the report looked like when it was written with JSON-P by hand: tooling reads it. */
    private static final String EXPECTED =
"""
{
    "generatedAt": "2026-01-01T00:00:00Z",
    "environment": {
        "db": "postgres",
        "cores": "2"
    },
    "command": "lab/compare.sh --all",
    "runs": [
        {
            "mode": "XA",
            "scenario": "crash-point",
            "faultPoint": "xa-after-prepare",
            "faultPointReached": true,
            "ordersAttempted": 50,
            "committed": 48,
            "rejected": 2,
            "errors": 0,
            "lost": 0,
            "phantom": 1,
            "duplicateEffects": 2,
            "duplicateDeliveries": 3,
            "outOfOrder": 0,
            "heuristic": 1,
            "deadLettered": 0,
            "indeterminate": 1,
            "indeterminateCommitted": 1,
            "ackedButMissing": 0,
            "unpublished": 0,
            "throughputPerSec": 120.0,
            "latencyMs": {
                "p50": 3.25,
                "p95": 7.5,
                "p99": 11.0
            },
            "recoverySeconds": 12.3,
            "settled": true,
            "note": "one in-doubt transaction"
        },
        {
            "mode": "OUTBOX",
            "scenario": "baseline",
            "ordersAttempted": 10,
            "committed": 10,
            "rejected": 0,
            "errors": 0,
            "lost": 0,
            "phantom": 0,
            "duplicateEffects": 0,
            "duplicateDeliveries": 0,
            "outOfOrder": 0,
            "heuristic": 0,
            "deadLettered": 0,
            "indeterminate": 0,
            "indeterminateCommitted": 0,
            "ackedButMissing": 0,
            "unpublished": 0,
            "throughputPerSec": 100.0,
            "latencyMs": {
                "p50": 1.0,
                "p95": 2.0,
                "p99": 3.0
            },
            "recoverySeconds": null,
            "settled": false
        }
    ]
}
""";

    @Test
    void writesTheSchemaToolingReads() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("db", "postgres");
        environment.put("cores", "2");
        String json =
                ReportJson.of(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        environment,
                        "lab/compare.sh --all",
                        List.of(CRASHED, NEVER_RECOVERED));
        assertEquals(EXPECTED, json);
    }

    @Test
    void aClusterRunRecordsItsStalePublishesAfterUnpublished() {
        RunResult cluster =
                new RunResult(
                        "OUTBOX",
                        "node-pause",
                        null,
                        false,
                        1,
                        1,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0L,
                        null,
                        1.0,
                        1.0,
                        1.0,
                        1.0,
                        1.0,
                        true,
                        null);
        String json = ReportJson.of(Instant.EPOCH, Map.of(), "c", List.of(cluster));
        assertTrue(json.contains("\"unpublished\": 0,\n            \"stalePublishes\": 0,"), json);
        assertEquals(cluster.stalePublishes(), LabRun.of(cluster).stalePublishes());
    }

    @Test
    void writesNumbersAsBeforeWhateverTheirSize() {
        RunResult extreme =
                new RunResult(
                        "XA",
                        "s",
                        null,
                        false,
                        1,
                        1,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        12345678.94,
                        0.0005,
                        1e-7,
                        123456789.0,
                        0.04,
                        true,
                        null);
        String json = ReportJson.of(Instant.EPOCH, Map.of(), "c", List.of(extreme));
        for (String field :
                List.of(
                        "\"throughputPerSec\": 12345678.9,",
                        "\"p50\": 0.00050,",
                        "\"p95\": 1.0E-7,",
                        "\"p99\": 123456789\n",
                        "\"recoverySeconds\": 0.0,")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }
}
