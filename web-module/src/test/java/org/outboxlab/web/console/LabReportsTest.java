package org.outboxlab.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outboxlab.scenario.LabRun;

class LabReportsTest {

    private static final String REPORT =
            """
            {"generatedAt": "2026-01-01T00:00:00Z", "environment": {"cores": 2, "db": "postgres"},
             "command": "lab/compare.sh --all",
             "runs": [{"mode": "XA", "scenario": "crash-point", "faultPoint": "after-prepare", "ordersAttempted": 50,
                       "committed": 48, "rejected": 2, "lost": 0, "phantom": 1, "duplicateEffects": 2,
                       "duplicateDeliveries": 0, "outOfOrder": 0, "heuristic": 0, "deadLettered": 0, "indeterminate": 1,
                       "throughputPerSec": 120.5, "latencyMs": {"p50": 3, "p95": 7.5, "p99": 11}, "recoverySeconds": 12,
                       "settled": true, "note": "one in-doubt transaction"},
                      {"mode": "OUTBOX", "scenario": "baseline", "recoverySeconds": null}]}
            """;

    @Test
    void readsLatestFirstThenNewestAndEachFileOnce(@TempDir Path dir) throws IOException {
        write(dir, "20260101T000000Z", REPORT);
        write(dir, "20260301T000000Z", REPORT);
        Files.createSymbolicLink(dir.resolve("latest"), dir.resolve("20260301T000000Z"));
        Files.createDirectories(dir.resolve("no-report-here"));

        List<LabReport> reports = LabReports.read(dir);

        assertEquals(
                List.of("latest", "20260101T000000Z"),
                reports.stream().map(LabReport::name).toList(),
                "latest links to the March run, which is shown once");
    }

    @Test
    void readsEveryFieldOfARun(@TempDir Path dir) throws IOException {
        write(dir, "run", REPORT);
        LabReport report = LabReports.read(dir).get(0);

        assertNull(report.error());
        assertEquals("2026-01-01T00:00:00Z", report.generatedAt());
        assertEquals("lab/compare.sh --all", report.command());
        assertEquals("2", report.environment().get(0).getValue());
        LabRun xa = report.runs().get(0);
        assertEquals("XA · crash-point · after-prepare", xa.label());
        assertEquals(48L, xa.committed());
        assertEquals(7.5, xa.p95());
        assertEquals(3, xa.violations(), "one phantom and two duplicated effects");
        assertEquals(true, xa.settled());
        assertEquals("one in-doubt transaction", xa.note());
        LabRun sparse = report.runs().get(1);
        assertNull(sparse.committed(), "a number the report leaves out stays unknown, not 0");
        assertNull(sparse.recoverySeconds(), "never recovered");
        assertNull(sparse.settled());
        assertEquals(0, sparse.violations());
    }

    @Test
    void aBrokenFileBecomesAReportWithItsError(@TempDir Path dir) throws IOException {
        write(dir, "run", "{ not json");
        LabReport report = LabReports.read(dir).get(0);

        assertTrue(report.error().contains("Json"), report.error());
        assertTrue(report.runs().isEmpty());
    }

    @Test
    void barsAreScaledToTheTallest(@TempDir Path dir) throws IOException {
        write(dir, "run", REPORT);
        List<LabReport.Bar> bars = LabReports.read(dir).get(0).throughputBars();

        assertEquals(LabReport.CHART_HEIGHT, bars.get(0).height());
        assertEquals(0, bars.get(1).height(), "a run without throughput draws no bar");
        assertTrue(bars.get(1).x() > bars.get(0).x());
    }

    private static void write(Path dir, String run, String json) throws IOException {
        Files.createDirectories(dir.resolve(run));
        Files.writeString(dir.resolve(run).resolve("report.json"), json);
    }
}
