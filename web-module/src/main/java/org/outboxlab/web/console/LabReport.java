package org.outboxlab.web.console;

import java.util.List;
import java.util.Map;
import org.outboxlab.scenario.LabRun;
import org.outboxlab.scenario.Verdict;

/**
 * One comparison's {@code report.json}: where it lies, when and how it was made, and its runs; or
 * why it could not be read ({@code error} set, no runs).
 */
public record LabReport(
        String name,
        String file,
        String generatedAt,
        List<Map.Entry<String, String>> environment,
        String command,
        List<LabRun> runs,
        String error) {

    /** One bar of a chart: its label, its value and its height in the chart's box. */
    public record Bar(String label, double value, double height, double x) {}

    static final int CHART_HEIGHT = 120;
    static final int BAR_WIDTH = 34;

    /**
     * One line per write mode across the report's runs, as the comparison printed it before its
     * table.
     */
    public List<String> verdict() {
        return Verdict.lines(runs);
    }

    /** Throughput per run. */
    public List<Bar> throughputBars() {
        return bars(
                runs.stream()
                        .map(
                                r ->
                                        r.throughputPerSec() == null
                                                ? 0.0
                                                : r.throughputPerSec().doubleValue())
                        .toList());
    }

    /** Lost + phantom + duplicated effects per run. */
    public List<Bar> violationBars() {
        return bars(runs.stream().map(r -> (double) r.violations()).toList());
    }

    public int chartWidth() {
        return Math.max(1, runs.size()) * (BAR_WIDTH + 6);
    }

    public int chartHeight() {
        return CHART_HEIGHT;
    }

    private List<Bar> bars(List<Double> values) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return java.util.stream.IntStream.range(0, values.size())
                .mapToObj(
                        i ->
                                new Bar(
                                        runs.get(i).label(),
                                        values.get(i),
                                        SvgChart.bar(values.get(i), max, CHART_HEIGHT),
                                        i * (BAR_WIDTH + 6.0)))
                .toList();
    }
}
