package org.outboxlab.lab.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outboxlab.scenario.CountDefinitions;
import org.outboxlab.scenario.LabRun;
import org.outboxlab.scenario.ReportJson;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Verdict;

/**
 * Writes a comparison as {@code report.json} (the schema tooling reads), {@code report.md} and
 * {@code report.html}.
 */
final class ReportFiles {

    static final List<String> COLUMNS =
            List.of(
                    "scenario",
                    "mode",
                    "attempted",
                    "committed",
                    "rejected",
                    "errors",
                    "lost",
                    "phantom",
                    "dup effects",
                    "key rollbacks",
                    "dup deliveries",
                    "out of order",
                    "heuristic",
                    "dead-lettered",
                    "indeterminate",
                    "writes/s",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "recovery s");

    /** What each count of the table sees and cannot see, printed under the table. */
    static final List<String> DEFINITIONS = CountDefinitions.LINES;

    private ReportFiles() {}

    static void write(
            Path dir,
            Instant generatedAt,
            Map<String, String> environment,
            String command,
            List<RunResult> runs,
            List<String> reading)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("report.json"), json(generatedAt, environment, command, runs));
        Files.writeString(
                dir.resolve("report.md"),
                markdown(generatedAt, environment, command, runs, reading));
        Files.writeString(
                dir.resolve("report.html"),
                ReportHtml.page(generatedAt, environment, command, runs, reading));
    }

    static String json(
            Instant generatedAt,
            Map<String, String> environment,
            String command,
            List<RunResult> runs) {
        return ReportJson.of(generatedAt, environment, command, runs);
    }

    static String markdown(
            Instant generatedAt,
            Map<String, String> environment,
            String command,
            List<RunResult> runs,
            List<String> reading) {
        StringBuilder md =
                new StringBuilder("# Outbox lab comparison\n\n")
                        .append("Generated ")
                        .append(generatedAt)
                        .append(" by `")
                        .append(command)
                        .append("`.\n\n");
        md.append("## Verdict\n\n");
        Verdict.lines(runs.stream().map(LabRun::of).toList())
                .forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
        environment.forEach(
                (k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| ").append(String.join(" | ", COLUMNS)).append(" |\n|");
        COLUMNS.forEach(c -> md.append("---|"));
        md.append('\n');
        for (RunResult r : runs) {
            md.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        }
        md.append('\n');
        DEFINITIONS.forEach(line -> md.append(line).append('\n'));
        md.append("\n## Reading\n\n");
        reading.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Notes per run\n\n");
        for (RunResult r : runs) {
            if (r.note() != null) {
                md.append("- ")
                        .append(r.scenario())
                        .append(' ')
                        .append(r.row())
                        .append(": ")
                        .append(r.note())
                        .append('\n');
            }
        }
        return md.toString();
    }

    /** The row of {@code r} as text cells, in {@link #COLUMNS} order. */
    static List<String> cells(RunResult r) {
        return List.of(
                r.scenario()
                        + (r.faultPoint() == null
                                ? ""
                                : " ("
                                        + r.faultPoint()
                                        + (r.faultPointReached() ? "" : ", NOT reached")
                                        + ")"),
                r.row(),
                Long.toString(r.ordersAttempted()),
                Long.toString(r.committed()),
                Long.toString(r.rejected()),
                Long.toString(r.errors()),
                Long.toString(r.lost()),
                Long.toString(r.phantom()),
                Long.toString(r.duplicateEffects()),
                r.effectKeyRollbacks() == null ? "-" : Long.toString(r.effectKeyRollbacks()),
                Long.toString(r.duplicateDeliveries()),
                Long.toString(r.outOfOrder()),
                Long.toString(r.heuristic()),
                Long.toString(r.deadLettered()),
                r.indeterminate()
                        + (r.indeterminate() > 0
                                ? " (" + r.indeterminateCommitted() + " committed)"
                                : ""),
                format(r.throughputPerSec()),
                format(r.latencyP50Ms()),
                format(r.latencyP95Ms()),
                format(r.latencyP99Ms()),
                r.recoverySeconds() == null ? "never" : format(r.recoverySeconds()));
    }

    static String format(double value) {
        return value >= 100
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
