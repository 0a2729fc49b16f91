package org.outboxlab.lab.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark is reported with its targets met or not: the cluster alone (its table, no chart), and
 * a single node's steady state and database cost.
 */
class BenchReportTest {

    private static JsonObject clusterOnly(double twoNodeDrain, double node1Share) {
        return Json.createObjectBuilder()
                .add("generatedAt", "2026-12-02T00:00:00Z")
                .add("environment", Json.createObjectBuilder().add("cores", 2).add("note", "test"))
                .add(
                        "cluster",
                        Json.createObjectBuilder()
                                .add(
                                        "runs",
                                        Json.createArrayBuilder()
                                                .add(run(1, 5000, "node-1", 100.0))
                                                .add(run(2, twoNodeDrain, "node-1", node1Share)))
                                .add("drainRatioMostToOne", twoNodeDrain / 5000))
                .build();
    }

    private static JsonObject clusterOnly(double twoNodeDrain, double node1Share, double achieved) {
        JsonObject bench = clusterOnly(twoNodeDrain, node1Share);
        var runs = bench.getJsonObject("cluster").getJsonArray("runs");
        var two = Json.createObjectBuilder(runs.getJsonObject(1)).add("achievedPerSec", achieved);
        return Json.createObjectBuilder(bench)
                .add(
                        "cluster",
                        Json.createObjectBuilder(bench.getJsonObject("cluster"))
                                .add(
                                        "runs",
                                        Json.createArrayBuilder()
                                                .add(runs.getJsonObject(0))
                                                .add(two)))
                .build();
    }

    /** One node: OUTBOX writes 400/s at 16 clients, sustains {@code sustained}, held 200/s so. */
    private static JsonObject singleNode(int sustained, double p99At200, double commits) {
        return Json.createObjectBuilder()
                .add("generatedAt", "2026-12-07T00:00:00Z")
                .add("environment", Json.createObjectBuilder().add("cores", 2).add("note", "test"))
                .add(
                        "writePath",
                        Json.createArrayBuilder()
                                .add(
                                        Json.createObjectBuilder()
                                                .add("mode", "OUTBOX")
                                                .add("clients", 16)
                                                .add("ordersPerSec", 400.0)
                                                .add("p50Ms", 30.0)
                                                .add("p99Ms", 90.0)
                                                .add("refused", 0)))
                .add("endToEnd", Json.createArrayBuilder())
                .add(
                        "steadyState",
                        Json.createArrayBuilder()
                                .add(
                                        Json.createObjectBuilder()
                                                .add("mode", "OUTBOX")
                                                .add("offeredPerSec", 200)
                                                .add("achievedPerSec", 199.0)
                                                .add("seconds", 60)
                                                .add("backlogAtStart", 10)
                                                .add("backlogAtEnd", 12)
                                                .add("backlogSlopePerSec", 0.1)
                                                .add("deliveriesPerSec", Json.createObjectBuilder())
                                                .add("p50Ms", 4.0)
                                                .add("p99Ms", p99At200)
                                                .add("sustained", true)))
                .add(
                        "sustained",
                        Json.createObjectBuilder()
                                .add(
                                        "OUTBOX",
                                        Json.createObjectBuilder().add("ordersPerSec", sustained)))
                .add(
                        "transactions",
                        Json.createObjectBuilder()
                                .add(
                                        "OUTBOX",
                                        Json.createObjectBuilder()
                                                .add("offeredPerSec", 200)
                                                .add("events", 800)
                                                .add("twoPhaseCommitsPerEvent", 0.0)
                                                .add("statementsPerDelivery", 3.0)
                                                .add("commitsPerDelivery", commits)
                                                .add("commitsPerOrder", 2.5)))
                .add(
                        "relay",
                        Json.createObjectBuilder()
                                .add("backlog", 0)
                                .add("batchSize", 1000)
                                .add("eventsPerSec", -1)
                                .add("rawBrokerEventsPerSec", -1)
                                .add("ratioToRaw", -1)
                                .add("sweep", Json.createArrayBuilder()))
                .add(
                        "resources",
                        Json.createObjectBuilder()
                                .add("peakCpuCores", 1.9)
                                .add("peakRssMiB", 900)
                                .add("peakHeapMiB", 400)
                                .add("heapMaxMiB", 2048)
                                .add("outboxRowsAtEnd", 0))
                .build();
    }

    private static JsonObject run(int nodes, double drain, String node, double share) {
        var shares = Json.createObjectBuilder().add(node, share);
        if (nodes == 2) {
            shares.add("node-2", 100 - share);
        }
        return Json.createObjectBuilder()
                .add("nodes", nodes)
                .add("backlog", 20000)
                .add("drainEventsPerSec", drain)
                .add("drainRoundsPerSec", Json.createArrayBuilder().add(drain - 100).add(drain))
                .add("cpuMicrosPerEvent", 610)
                .add("sharePercent", shares)
                .add("offeredPerSec", 100)
                .add("achievedPerSec", 99.5)
                .add("e2eP50Ms", 40.0)
                .add("e2eP99Ms", 120.0)
                .add("e2eEvents", 600)
                .build();
    }

    @Test
    void aClusterRunIsTabledAndJudged(@TempDir Path dir) throws Exception {
        String md = BenchReport.markdown(clusterOnly(4800, 51.5));
        assertTrue(md.contains("## Cluster"), md);
        assertTrue(
                md.contains("| 2 | 4800.0 | 4700.0, 4800.0 | 610 | node-1 51.5, node-2 48.5 |"),
                md);
        assertTrue(md.contains("0.9 × one node's rate (same cores) | 0.96 | yes |"), md);
        assertTrue(md.contains("two nodes each publish 40–60 % | yes |"), md);
        assertTrue(
                md.contains(
                        "two nodes achieve ≥ 0.95 × the offered 100 OUTBOX orders/s end to end | 1.00 | yes |"),
                md);
        assertFalse(md.contains("Write path"), md);
        BenchReport.write(clusterOnly(4800, 51.5), dir);
        assertTrue(Files.exists(dir.resolve("bench.md")));
        assertFalse(Files.exists(dir.resolve("bench.png")), "no chart without the write path");
    }

    @Test
    void anUnevenOrSlowClusterMissesItsTargets() {
        String md = BenchReport.markdown(clusterOnly(3000, 70));
        assertTrue(md.contains("| 0.60 | no |"), md);
        assertTrue(md.contains("two nodes each publish 40–60 % | no |"), md);
        assertTrue(
                BenchReport.markdown(clusterOnly(4800, 51.5, 73.3))
                        .contains("the offered 100 OUTBOX orders/s end to end | 0.73 | no |"));
    }

    @Test
    void aSingleNodeIsJudgedBySteadyStateAndItsCommits() {
        String met = BenchReport.markdown(singleNode(400, 40, 0.28));
        assertTrue(
                met.contains(
                        "| sustained OUTBOX rate (400/s) ≥ 0.9 × its closed-loop write rate at 16 clients | 1.00 | yes |"),
                met);
        assertTrue(met.contains("| OUTBOX p99 ≤ 50 ms at 200/s over 60 s | 40.0 ms | yes |"), met);
        assertTrue(
                met.contains(
                        "| OUTBOX backlog flat at 200/s over 60 s | slope 0.1 events/s | yes |"),
                met);
        assertTrue(
                met.contains(
                        "| consumer commits per delivery ≤ 0.3 (OUTBOX at 200/s, pg_stat_database) | 0.28 | yes |"),
                met);
        assertTrue(met.contains("| OUTBOX | 200 | 0.0 | 3.0 | 0.28 | 2.5 | 800 |"), met);
        String missed = BenchReport.markdown(singleNode(300, 80, 0.62));
        assertTrue(missed.contains("closed-loop write rate at 16 clients | 0.75 | no |"), missed);
        assertTrue(
                missed.contains("| OUTBOX p99 ≤ 50 ms at 200/s over 60 s | 80.0 ms | no |"),
                missed);
        assertTrue(missed.contains("pg_stat_database) | 0.62 | no |"), missed);
    }
}
