package org.outboxlab.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench.png is written, in both halves, from a benchmark's JSON (and from one whose phases measured
 * nothing).
 */
class BenchChartTest {

    @Test
    void drawsBothPanelsFromTheFigures(@TempDir Path dir) throws Exception {
        JsonArrayBuilder write = Json.createArrayBuilder();
        for (String mode : new String[] {"BASELINE", "NAIVE", "XA", "OUTBOX"}) {
            for (int clients : new int[] {1, 4}) {
                write.add(
                        Json.createObjectBuilder()
                                .add("mode", mode)
                                .add("clients", clients)
                                .add("ordersPerSec", 100.0 * clients));
            }
        }
        JsonArrayBuilder e2e = Json.createArrayBuilder();
        for (int rate : new int[] {100, 200}) {
            e2e.add(
                    Json.createObjectBuilder()
                            .add("mode", "OUTBOX")
                            .add("nudge", true)
                            .add("offeredPerSec", rate)
                            .add("p99Ms", rate / 2.0));
            e2e.add(
                    Json.createObjectBuilder()
                            .add("mode", "XA")
                            .add("offeredPerSec", rate)
                            .add("p99Ms", rate * 1.0));
        }
        JsonObject bench =
                Json.createObjectBuilder().add("writePath", write).add("endToEnd", e2e).build();

        BufferedImage image = BenchChart.draw(bench);

        assertEquals(BenchChart.WIDTH, image.getWidth());
        assertEquals(BenchChart.HEIGHT, image.getHeight());
        assertTrue(
                colouredPixels(image, 0, BenchChart.WIDTH / 2) > 1000,
                "the write-path bars are drawn");
        assertTrue(
                colouredPixels(image, BenchChart.WIDTH / 2, BenchChart.WIDTH) > 100,
                "the latency lines are drawn");
        ImageIO.write(image, "png", dir.resolve("bench.png").toFile());
        assertTrue(Files.size(dir.resolve("bench.png")) > 0);
    }

    @Test
    void aBenchmarkWithoutTheseFiguresStillGetsItsChart() {
        JsonObject bench =
                Json.createObjectBuilder()
                        .add("writePath", Json.createArrayBuilder())
                        .add("endToEnd", Json.createArrayBuilder())
                        .build();
        assertEquals(BenchChart.WIDTH, BenchChart.draw(bench).getWidth());
    }

    /**
     * Pixels that are neither white nor grey (bars and lines, not text, axes or grid) between two
     * columns.
     */
    private static int colouredPixels(BufferedImage image, int fromX, int toX) {
        int count = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    count++;
                }
            }
        }
        return count;
    }
}
