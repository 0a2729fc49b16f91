package org.outboxlab.lab.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark of the cluster alone is reported: its table, the targets met or not, no chart. */
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
    }
}
