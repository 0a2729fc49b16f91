package org.outboxlab.lab.compare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.LabRun;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Verdict;

/**
 * The comparison as one self-contained HTML page: the table, the reading, and grouped bar charts
 * drawn as inline SVG (no script, no download). Every text is escaped.
 */
final class ReportHtml {

    private ReportHtml() {}

    /** What a relay strategy other than polling draws a relayed mode in. */
    private static final String LOG_TAILING_COLOUR = "#7fb8e6";

    /**
     * The colour of a report's row: its mode's own, a lighter one for a relayed mode's log tailing;
     * grey for a name that is no mode.
     */
    private static String colour(String row) {
        int space = row.indexOf(' ');
        String mode = space < 0 ? row : row.substring(0, space);
        if (row.endsWith("(log-tailing)")) {
            return LOG_TAILING_COLOUR;
        }
        return WriteMode.byName(mode).map(WriteMode::colour).orElse("#777");
    }

    static String page(
            Instant generatedAt,
            Map<String, String> environment,
            String command,
            List<RunResult> runs,
            List<String> reading) {
        StringBuilder html =
                new StringBuilder(
                                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                        + "<title>Outbox lab comparison</title><style>"
                                        + "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:13px}"
                                        + "th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f0f0f0}"
                                        + "td:first-child,td:nth-child(2){text-align:left}.bad{background:#fbe3e3}.charts{display:flex;flex-wrap:wrap;gap:1em}"
                                        + "li.no{color:#b00}</style></head><body>\n<h1>Outbox lab comparison</h1>\n<p>Generated ")
                        .append(esc(generatedAt.toString()))
                        .append(" by <code>")
                        .append(esc(command))
                        .append("</code></p>\n<h2>Verdict</h2>\n<ul class=\"verdict\">");
        for (String line : Verdict.lines(runs.stream().map(LabRun::of).toList())) {
            html.append(line.contains("BROKE") ? "<li class=\"no\">" : "<li>")
                    .append(esc(line))
                    .append("</li>");
        }
        html.append("</ul>\n<ul>");
        environment.forEach(
                (k, v) ->
                        html.append("<li>")
                                .append(esc(k))
                                .append(": ")
                                .append(esc(v))
                                .append("</li>"));
        html.append("</ul>\n<table><tr>");
        ReportFiles.COLUMNS.forEach(c -> html.append("<th>").append(esc(c)).append("</th>"));
        html.append("</tr>\n");
        for (RunResult r : runs) {
            boolean bad = anomalies(r) > 0;
            html.append(bad ? "<tr class=\"bad\">" : "<tr>");
            ReportFiles.cells(r).forEach(c -> html.append("<td>").append(esc(c)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n<ul class=\"definitions\">");
        ReportFiles.DEFINITIONS.forEach(
                line -> html.append("<li>").append(esc(line)).append("</li>"));
        html.append("</ul>\n<h2>Reading</h2>\n<ul>");
        for (String line : reading) {
            html.append(line.startsWith("NOT") ? "<li class=\"no\">" : "<li>")
                    .append(esc(line))
                    .append("</li>");
        }
        html.append("</ul>\n<h2>Charts</h2>\n<div class=\"charts\">");
        html.append(
                chart(
                        "Anomalies: lost, phantom, duplicated, reordered",
                        runs,
                        ReportHtml::anomalies,
                        false));
        html.append(chart("Writes refused (nothing written)", runs, r -> r.rejected(), false));
        html.append(
                chart("Commit-to-effect latency p99, ms", runs, RunResult::latencyP99Ms, false));
        html.append(
                chart(
                        "Recovery, seconds (red outline: never, events lost)",
                        runs,
                        r -> r.recoverySeconds() == null ? -1 : r.recoverySeconds(),
                        true));
        html.append("</div>\n</body></html>\n");
        return html.toString();
    }

    /**
     * A grouped bar chart: one group per scenario, one bar per mode; a value below 0 is drawn as
     * "never".
     */
    static String chart(
            String title,
            List<RunResult> runs,
            ToDoubleFunction<RunResult> value,
            boolean neverMarks) {
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        runs.forEach(
                r -> {
                    scenarios.add(r.scenario());
                    modes.add(r.row());
                });
        double max = runs.stream().mapToDouble(value).max().orElse(0);
        max = max <= 0 ? 1 : max;
        int bar = 14;
        int group = modes.size() * bar + 16;
        int width = Math.max(420, 50 + scenarios.size() * group + 10);
        int height = 230;
        int plotTop = 30;
        int plotBottom = 170;
        StringBuilder svg =
                new StringBuilder("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                        .append(width)
                        .append("\" height=\"")
                        .append(height)
                        .append("\" role=\"img\" aria-label=\"")
                        .append(esc(title))
                        .append("\">")
                        .append("<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">")
                        .append(esc(title))
                        .append("</text>")
                        .append("<line x1=\"46\" y1=\"")
                        .append(plotBottom)
                        .append("\" x2=\"")
                        .append(width - 4)
                        .append("\" y2=\"")
                        .append(plotBottom)
                        .append("\" stroke=\"#888\"/>")
                        .append("<text x=\"42\" y=\"")
                        .append(plotTop + 4)
                        .append("\" font-size=\"10\" text-anchor=\"end\">")
                        .append(esc(ReportFiles.format(max)))
                        .append("</text>")
                        .append("<text x=\"42\" y=\"")
                        .append(plotBottom)
                        .append("\" font-size=\"10\" text-anchor=\"end\">0</text>");
        int x = 50;
        for (String scenario : scenarios) {
            int bx = x;
            for (String mode : modes) {
                RunResult r = find(runs, scenario, mode);
                if (r != null) {
                    double v = value.applyAsDouble(r);
                    String colour = colour(mode);
                    if (v < 0 && neverMarks) {
                        svg.append("<rect x=\"")
                                .append(bx)
                                .append("\" y=\"")
                                .append(plotTop)
                                .append("\" width=\"")
                                .append(bar - 2)
                                .append("\" height=\"")
                                .append(plotBottom - plotTop)
                                .append(
                                        "\" fill=\"none\" stroke=\"#c00\""
                                                + " stroke-dasharray=\"3,2\"><title>")
                                .append(esc(mode + " " + scenario + ": never"))
                                .append("</title></rect>");
                    } else {
                        int h = (int) Math.round(Math.max(0, v) / max * (plotBottom - plotTop));
                        svg.append("<rect x=\"")
                                .append(bx)
                                .append("\" y=\"")
                                .append(plotBottom - h)
                                .append("\" width=\"")
                                .append(bar - 2)
                                .append("\" height=\"")
                                .append(Math.max(h, v > 0 ? 1 : 0))
                                .append("\" fill=\"")
                                .append(colour)
                                .append("\"><title>")
                                .append(esc(mode + " " + scenario + ": " + ReportFiles.format(v)))
                                .append("</title></rect>");
                    }
                }
                bx += bar;
            }
            svg.append("<text font-size=\"10\" transform=\"translate(")
                    .append(x + 2)
                    .append(',')
                    .append(plotBottom + 10)
                    .append(") rotate(30)\">")
                    .append(esc(scenario))
                    .append("</text>");
            x += group;
        }
        int lx = 50;
        for (String mode : modes) {
            svg.append("<rect x=\"")
                    .append(lx)
                    .append("\" y=\"")
                    .append(height - 12)
                    .append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(colour(mode))
                    .append("\"/><text x=\"")
                    .append(lx + 13)
                    .append("\" y=\"")
                    .append(height - 3)
                    .append("\" font-size=\"11\">")
                    .append(esc(mode))
                    .append("</text>");
            lx += Math.max(70, 20 + 7 * mode.length());
        }
        return svg.append("</svg></figure>").toString();
    }

    private static RunResult find(List<RunResult> runs, String scenario, String mode) {
        List<RunResult> matches = new ArrayList<>();
        for (RunResult r : runs) {
            if (r.scenario().equals(scenario) && r.row().equals(mode)) {
                matches.add(r);
            }
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Lost, phantom, duplicated (applied twice or refused by the key) and reordered effects. */
    private static long anomalies(RunResult r) {
        return LabRun.of(r).broken();
    }
}
