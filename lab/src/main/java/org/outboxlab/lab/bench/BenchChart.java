package org.outboxlab.lab.bench;

import jakarta.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.outboxlab.contract.WriteMode;

/**
 * {@code bench.png}, drawn by JFreeChart: the write path's throughput by concurrent clients and
 * mode (bars), and the end-to-end p99 commit-to-effect latency by offered rate (lines), each with
 * labelled axes, ticks and units.
 */
final class BenchChart {

    static final int WIDTH = 1400;
    static final int HEIGHT = 560;

    private BenchChart() {}

    static BufferedImage draw(JsonObject bench) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        writePath(bench).draw(g, new Rectangle(0, 0, WIDTH / 2, HEIGHT));
        endToEnd(bench).draw(g, new Rectangle(WIDTH / 2, 0, WIDTH / 2, HEIGHT));
        g.dispose();
        return image;
    }

    private static JFreeChart writePath(JsonObject bench) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<Integer, Map<String, Double>> byClients = new TreeMap<>();
        for (JsonObject row : bench.getJsonArray("writePath").getValuesAs(JsonObject.class)) {
            byClients
                    .computeIfAbsent(row.getInt("clients"), c -> new TreeMap<>())
                    .put(row.getString("mode"), row.getJsonNumber("ordersPerSec").doubleValue());
        }
        for (Map.Entry<Integer, Map<String, Double>> group : byClients.entrySet()) {
            for (WriteMode benchmarked : WriteMode.BENCHMARKED) {
                String mode = benchmarked.name();
                if (group.getValue().containsKey(mode)) {
                    data.addValue(
                            group.getValue().get(mode),
                            mode,
                            group.getKey() + (group.getKey() == 1 ? " client" : " clients"));
                }
            }
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Write path: throughput by concurrent clients",
                        "concurrent clients",
                        "orders per second",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        for (int s = 0; s < data.getRowCount(); s++) {
            bars.setSeriesPaint(s, colour((String) data.getRowKey(s)));
        }
        return chart;
    }

    private static JFreeChart endToEnd(JsonObject bench) {
        Map<String, XYSeries> series = new TreeMap<>();
        for (JsonObject e : bench.getJsonArray("endToEnd").getValuesAs(JsonObject.class)) {
            String mode = e.getString("mode");
            String name =
                    WriteMode.byName(mode).filter(WriteMode::leavesRowForRelay).isPresent()
                            ? mode
                                    + (e.getBoolean("nudge", true) ? ", nudged" : ", timer only")
                                    + (BenchReport.batched(e) ? "" : ", consumers unbatched")
                            : mode;
            double p99 = e.getJsonNumber("p99Ms").doubleValue();
            if (p99 >= 0) {
                series.computeIfAbsent(name, XYSeries::new).add(e.getInt("offeredPerSec"), p99);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        "End to end: p99 commit-to-effect latency by offered rate",
                        "offered orders per second",
                        "p99 latency (ms)",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            String name = (String) data.getSeriesKey(s);
            String mode = name.split(",")[0];
            Color colour = colour(mode);
            lines.setSeriesPaint(
                    s, name.endsWith("timer only") ? colour.brighter().brighter() : colour);
        }
        chart.getXYPlot().setRenderer(lines);
        return chart;
    }

    /** The mode's own colour; dark grey for a series that is no mode. */
    private static Color colour(String mode) {
        return WriteMode.byName(mode).map(m -> Color.decode(m.colour())).orElse(Color.DARK_GRAY);
    }
}
