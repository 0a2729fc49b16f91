package org.outboxlab.lab.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;

class ComparisonReportTest {

    private static RunResult run(
            String mode,
            String scenario,
            long rejected,
            long lost,
            long outOfOrder,
            Double recovery,
            String note) {
        return new RunResult(
                mode,
                scenario,
                scenario.equals("crash-point") ? "naive-after-db-commit" : null,
                scenario.equals("crash-point"),
                10,
                30,
                rejected,
                0,
                lost,
                0,
                0,
                2,
                outOfOrder,
                0,
                0,
                1,
                1,
                0,
                0,
                null,
                null,
                5.5,
                12,
                40,
                90,
                recovery,
                true,
                note);
    }

    @Test
    void optionsDefaultToEveryModeAndScenario() {
        ComparisonOptions options = ComparisonOptions.parse(List.of());
        assertEquals(List.of("OUTBOX", "CDC", "XA", "NAIVE"), options.modes());
        assertEquals(
                List.of(Scenario.values()).stream().filter(s -> s.nodes() == 1).toList(),
                options.scenarios(),
                "one node: every scenario but the cluster's");
        assertEquals(1, options.nodes());
        assertEquals(List.of("polling", "log-tailing"), options.relayStrategies());
        assertEquals(
                List.of("log-tailing"),
                ComparisonOptions.parse(List.of("--relay-strategies", "Log-Tailing"))
                        .relayStrategies());
        ComparisonOptions cluster = ComparisonOptions.parse(List.of("--nodes", "2"));
        assertEquals(List.of(Scenario.values()), cluster.scenarios());
        assertEquals(
                List.of(Scenario.NODE_PAUSE),
                ComparisonOptions.parse(List.of("--nodes", "3", "--scenarios", "node-pause"))
                        .scenarios());
        ComparisonOptions some =
                ComparisonOptions.parse(
                        List.of(
                                "--modes",
                                "xa,OUTBOX",
                                "--scenarios",
                                "crash-point,baseline",
                                "--seconds",
                                "5",
                                "--rate",
                                "2.5"));
        assertEquals(List.of("XA", "OUTBOX"), some.modes());
        assertEquals(List.of(Scenario.CRASH_POINT, Scenario.BASELINE), some.scenarios());
        assertEquals(2.5, some.load().ordersPerSecondPerMode());
    }

    @Test
    void badOptionsNameTheOption() {
        for (List<String> bad :
                List.of(
                        List.of("--modes", "TWO_PHASE"),
                        List.of("--relay-strategies", "carrier-pigeon"),
                        List.of("--scenarios", "meteor"),
                        List.of("--seconds", "0"),
                        List.of("--clients", "many"),
                        List.of("--rate"),
                        List.of("--colour", "red"),
                        List.of("--port-offset", "70000"),
                        List.of("--nodes", "4"),
                        List.of("--scenarios", "node-kill"))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> ComparisonOptions.parse(bad),
                            bad.toString());
            assertTrue(e.getMessage().contains("Usage: lab/compare.sh"), e.getMessage());
        }
    }

    @Test
    void jsonHasTheSchemaToolingReads() {
        String json =
                ReportFiles.json(
                        Instant.parse("2026-11-25T00:00:00Z"),
                        Map.of("cpus", "2"),
                        "lab/compare.sh",
                        List.of(run("NAIVE", "crash-point", 0, 1, 0, null, "halted")));
        JsonObject report = Json.createReader(new StringReader(json)).readObject();
        assertEquals("2026-11-25T00:00:00Z", report.getString("generatedAt"));
        assertEquals("2", report.getJsonObject("environment").getString("cpus"));
        JsonObject r = report.getJsonArray("runs").getJsonObject(0);
        assertEquals("NAIVE", r.getString("mode"));
        assertEquals("crash-point", r.getString("scenario"));
        assertEquals("naive-after-db-commit", r.getString("faultPoint"));
        for (String field :
                List.of(
                        "ordersAttempted",
                        "committed",
                        "rejected",
                        "lost",
                        "phantom",
                        "duplicateEffects",
                        "duplicateDeliveries",
                        "outOfOrder",
                        "heuristic",
                        "deadLettered",
                        "indeterminate",
                        "throughputPerSec")) {
            assertTrue(r.containsKey(field), field);
        }
        assertEquals(1, r.getInt("lost"));
        assertEquals(90, r.getJsonObject("latencyMs").getJsonNumber("p99").doubleValue());
        assertTrue(r.isNull("recoverySeconds"), "never recovered is null");
    }

    /**
     * An OUTBOX run under each relay strategy is a report row of its own, in the JSON (its {@code
     * relayStrategy}), the verdict and the expectations; a mode without a relay carries none.
     */
    @Test
    void eachRelayStrategyOfOutboxIsARowOfItsOwn() {
        List<RunResult> runs =
                List.of(
                        run("OUTBOX", "baseline", 0, 0, 0, 1.0, null).relayedBy("polling"),
                        run("OUTBOX", "baseline", 0, 2, 0, null, null).relayedBy("log-tailing"),
                        run("CDC", "baseline", 0, 0, 0, 1.0, null));
        String json = ReportFiles.json(Instant.parse("2026-12-07T00:00:00Z"), Map.of(), "c", runs);
        var rows = Json.createReader(new StringReader(json)).readObject().getJsonArray("runs");
        assertEquals("polling", rows.getJsonObject(0).getString("relayStrategy"));
        assertEquals("log-tailing", rows.getJsonObject(1).getString("relayStrategy"));
        assertTrue(!rows.getJsonObject(2).containsKey("relayStrategy"), "CDC relays no rows");
        List<String> verdict =
                org.outboxlab.scenario.Verdict.lines(
                        runs.stream().map(org.outboxlab.scenario.LabRun::of).toList());
        assertEquals(3, verdict.size(), verdict.toString());
        assertTrue(verdict.get(0).startsWith("OUTBOX (polling): kept its promise"), verdict.get(0));
        assertTrue(verdict.get(1).startsWith("OUTBOX (log-tailing): BROKE"), verdict.get(1));
        assertTrue(
                Expectations.check(runs).stream()
                        .anyMatch(
                                l ->
                                        l.startsWith(
                                                "NOT as expected: OUTBOX (log-tailing) in baseline: lost 2")),
                Expectations.check(runs).toString());
    }

    @Test
    void expectationsReportSurprisesInsteadOfHidingThem() {
        List<String> ok =
                Expectations.check(
                        List.of(
                                run("NAIVE", "crash-point", 0, 1, 0, null, null),
                                run("XA", "broker-outage", 4, 0, 0, 2.0, null)));
        assertTrue(ok.stream().allMatch(l -> l.startsWith("as expected")), ok.toString());
        List<String> surprising =
                Expectations.check(
                        List.of(
                                run("NAIVE", "crash-point", 0, 0, 0, 0.0, null),
                                run("OUTBOX", "baseline", 0, 0, 3, 1.0, null)));
        assertEquals(
                2,
                surprising.stream().filter(l -> l.startsWith("NOT as expected")).count(),
                surprising.toString());
    }

    /**
     * Shown to fail with the old rule (dead letters checked only for OUTBOX and XA in db-outage):
     * NAIVE's dead letter in a baseline passed as expected.
     */
    @Test
    void aDeadLetterIsExpectedOnlyOfConsumerFailuresPoisonInEveryMode() {
        List<String> ok =
                Expectations.check(
                        List.of(
                                parked("NAIVE", "consumer-failure", 1),
                                parked("OUTBOX", "consumer-failure", 1),
                                parked("NAIVE", "baseline", 0)));
        assertTrue(ok.stream().allMatch(l -> l.startsWith("as expected")), ok.toString());
        for (RunResult surprise :
                List.of(
                        parked("NAIVE", "baseline", 1),
                        parked("NAIVE", "db-outage", 1),
                        parked("XA", "consumer-failure", 2))) {
            List<String> lines = Expectations.check(List.of(surprise));
            assertTrue(
                    lines.stream()
                            .anyMatch(
                                    l ->
                                            l.startsWith("NOT as expected")
                                                    && l.contains("dead-lettered")),
                    lines.toString());
        }
    }

    /** Shown to fail without the reached check: an exit without the server's line passed. */
    @Test
    void aCrashPointCountsOnlyIfTheServerLoggedReachingIt() {
        RunResult reached = run("NAIVE", "crash-point", 0, 1, 0, null, null);
        RunResult exitedOnly =
                counts(
                        "NAIVE",
                        "crash-point",
                        "naive-after-db-commit",
                        false,
                        Map.of("lost", 1L),
                        null);
        assertTrue(
                Expectations.check(List.of(reached)).stream()
                        .allMatch(l -> l.startsWith("as expected")));
        assertTrue(
                Expectations.check(List.of(exitedOnly)).stream()
                        .anyMatch(
                                l -> l.startsWith("NOT as expected") && l.contains("never logged")),
                Expectations.check(List.of(exitedOnly)).toString());
        assertTrue(ReportFiles.cells(exitedOnly).get(0).contains("NOT reached"));
    }

    /** Shown to fail without the heuristic check: a heuristic outcome passed unremarked. */
    @Test
    void aHeuristicOutcomeIsNeverExpected() {
        RunResult heuristic =
                counts("XA", "server-kill", null, false, Map.of("heuristic", 1L), 1.0);
        assertTrue(
                Expectations.check(List.of(heuristic)).stream()
                        .anyMatch(l -> l.startsWith("NOT as expected") && l.contains("heuristic")));
    }

    /** Shown to fail without the db-outage checks: a run with no 503 passed as an outage. */
    @Test
    void aDatabaseOutageWithoutRefusalsDidNotHappen() {
        RunResult none = run("OUTBOX", "db-outage", 0, 0, 0, 0.0, null);
        RunResult real = run("OUTBOX", "db-outage", 12, 0, 0, 0.0, null);
        RunResult neverRecovered = run("XA", "db-outage", 12, 0, 0, null, null);
        assertTrue(
                Expectations.check(List.of(none)).stream()
                        .anyMatch(
                                l -> l.startsWith("NOT as expected") && l.contains("rejected 0")));
        assertTrue(
                Expectations.check(List.of(real)).stream()
                        .allMatch(l -> l.startsWith("as expected")),
                Expectations.check(List.of(real)).toString());
        assertTrue(
                Expectations.check(List.of(neverRecovered)).stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("NOT as expected")
                                                && l.contains("recovery never")));
    }

    /** A node cut off from the database that refused nothing was never cut off. */
    @Test
    void aNodeCutOffThatRefusedNothingWasNeverCutOff() {
        RunResult none = run("NAIVE", "node-cut-off", 0, 0, 0, 0.0, null);
        RunResult real = run("NAIVE", "node-cut-off", 9, 0, 0, 0.0, null);
        assertTrue(
                Expectations.check(List.of(none)).stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("NOT as expected")
                                                && l.contains("never cut off")),
                Expectations.check(List.of(none)).toString());
        assertTrue(
                Expectations.check(List.of(real)).stream()
                        .allMatch(l -> l.startsWith("as expected")),
                Expectations.check(List.of(real)).toString());
    }

    /** Shown to fail without the stale-publish check: a late commit after a takeover passed. */
    @Test
    void aClusterDeliverySentUnderALostLeaseIsNeverExpected() {
        Map<String, Long> late = Map.of("stalePublishes", 2L);
        RunResult outbox = counts("OUTBOX", "node-pause-at-commit", null, false, late, 1.0);
        assertTrue(
                Expectations.check(List.of(outbox)).stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("NOT as expected")
                                                && l.contains("under a lost lease 2")),
                Expectations.check(List.of(outbox)).toString());
        RunResult fenced =
                counts(
                        "OUTBOX",
                        "node-pause-at-commit",
                        null,
                        false,
                        Map.of("stalePublishes", 0L),
                        1.0);
        assertTrue(
                Expectations.check(List.of(fenced)).stream()
                        .allMatch(l -> l.startsWith("as expected")),
                Expectations.check(List.of(fenced)).toString());
    }

    /** A settled run with every count 0 but {@code counts}' (by {@link RunResult}'s names). */
    private static RunResult counts(
            String mode,
            String scenario,
            String faultPoint,
            boolean reached,
            Map<String, Long> counts,
            Double recovery) {
        for (String name : counts.keySet()) {
            if (!List.of("rejected", "lost", "heuristic", "deadLettered", "stalePublishes")
                    .contains(name)) {
                throw new IllegalArgumentException("no count " + name + " here");
            }
        }
        return new RunResult(
                mode,
                scenario,
                faultPoint,
                reached,
                10,
                30,
                counts.getOrDefault("rejected", 0L),
                0,
                counts.getOrDefault("lost", 0L),
                0,
                0,
                0,
                0,
                counts.getOrDefault("heuristic", 0L),
                counts.getOrDefault("deadLettered", 0L),
                0,
                0,
                0,
                0,
                counts.get("stalePublishes"),
                null,
                5.5,
                12,
                40,
                90,
                recovery,
                true,
                null);
    }

    private static RunResult parked(String mode, String scenario, long deadLettered) {
        return counts(
                mode,
                scenario,
                null,
                false,
                Map.of(
                        "rejected",
                        scenario.equals("db-outage") ? 3L : 0L,
                        "deadLettered",
                        deadLettered),
                1.0);
    }

    @Test
    void aConsumerCrashIsExpectedToBeAbsorbedAsADuplicateDeliveryInEveryMode() {
        RunResult absorbed =
                new RunResult(
                        "NAIVE",
                        "crash-point",
                        "consumer-after-db-commit",
                        true,
                        10,
                        30,
                        0,
                        0,
                        0,
                        0,
                        0,
                        1,
                        0,
                        0,
                        0,
                        1,
                        1,
                        0,
                        0,
                        null,
                        null,
                        5.5,
                        12,
                        40,
                        90,
                        3.0,
                        true,
                        "halted");
        RunResult duplicated =
                new RunResult(
                        "OUTBOX",
                        "crash-point",
                        "consumer-after-db-commit",
                        true,
                        10,
                        30,
                        0,
                        0,
                        0,
                        0,
                        1,
                        1,
                        0,
                        0,
                        0,
                        1,
                        1,
                        0,
                        0,
                        null,
                        null,
                        5.5,
                        12,
                        40,
                        90,
                        3.0,
                        true,
                        "halted");
        List<String> ok = Expectations.check(List.of(absorbed));
        assertTrue(ok.stream().allMatch(l -> l.startsWith("as expected")), ok.toString());
        assertTrue(
                ok.stream().noneMatch(l -> l.contains("lost")),
                "NAIVE's write-side loss is not expected here: " + ok);
        List<String> surprising = Expectations.check(List.of(duplicated));
        assertEquals(
                2,
                surprising.stream().filter(l -> l.startsWith("NOT as expected")).count(),
                surprising.toString());
    }

    @Test
    void htmlEscapesEveryText() {
        String page =
                ReportHtml.page(
                        Instant.EPOCH,
                        Map.of("<b>", "x"),
                        "lab/compare.sh <script>",
                        List.of(
                                run(
                                        "OUTBOX",
                                        "baseline",
                                        0,
                                        0,
                                        0,
                                        1.0,
                                        "<img src=x onerror=alert(1)>")),
                        List.of("a < b"));
        assertFalse(page.contains("<script>"), "command escaped");
        assertFalse(page.contains("<b>"), "environment escaped");
        assertTrue(page.contains("&lt;script&gt;"));
        assertTrue(page.contains("<svg"), "charts drawn");
    }
}
