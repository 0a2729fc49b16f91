package org.outboxlab.lab.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * What each count of the table sees and what it cannot see, as {@code report.md} and {@code
     * report.html} print them under the table (docs/lab.md says the same).
     */
    static final List<String> DEFINITIONS =
            List.of(
                    "Counts are order changes (events): one per placed, paid, shipped or cancelled order;"
                            + " attempted: the writes the load sent, committed: the events the database holds.",
                    "rejected: writes refused with nothing written: a 503 with the documented problem, or,"
                            + " where the scenario takes a WildFly down, a refused connection or WildFly's own 503."
                            + " It cannot see whether the refusal named the right cause.",
                    "errors: any other answer (a 500, a 4xx, a problem claiming a commit its mode never makes),"
                            + " and refused connections where no WildFly was down; it cannot see a wrong 2xx.",
                    "lost: events committed in PostgreSQL that some consumer never applied; an event in a"
                            + " dead-letter queue is lost too, unless the scenario poisoned its order on purpose"
                            + " (consumer-failure). It cannot see an order change whose event row was never written.",
                    "phantom: effects whose event the database does not hold, and effects whose order it does"
                            + " not hold (XA's send committed, its order rolled back); it cannot see a message"
                            + " that reached the broker and no consumer.",
                    "dup effects: an effect applied twice for one event and consumer. The effect tables' unique"
                            + " key on event_id keeps this at 0 on the real schema: a second apply rolls back, is"
                            + " redelivered and, if it keeps failing, dead-lettered, which key rollbacks, lost and"
                            + " dead-lettered count.",
                    "key rollbacks: second applies of the run's events that PostgreSQL refused on that unique key,"
                            + " read from its server log (what a de-duplication bug produces now); '-' where the"
                            + " lab cannot read that log. It cannot see a repeat applied under another event id.",
                    "dup deliveries: repeats the inboxes absorbed; a copy the broker's duplicate detection"
                            + " dropped never reaches them.",
                    "out of order: effects applied (by applied_at, then id) after an effect of a later event of"
                            + " the same order, per consumer; it cannot see two effects applied in the same"
                            + " instant in the wrong order when their ids sort the right way.",
                    "heuristic: XA heuristic outcomes in node 1's Narayana log store, and transactions still"
                            + " prepared in PostgreSQL; not the broker's in-doubt transactions, nor another node's"
                            + " log store in a cluster.",
                    "dead-lettered: events in a consumer's dead-letter queue when the audit ran, poisoned or not;"
                            + " not a message the broker dropped or expired.",
                    "A crash point's row says NOT reached when the server never logged reaching it before its"
                            + " JVM ended (an exit alone proves nothing: a SIGKILL exits the same).",
                    "indeterminate: requests whose answer never came (in brackets: how many the database holds);"
                            + " it cannot see a request the load never sent.",
                    "writes/s: committed events per second of load; p50/p95/p99: event commit to the last"
                            + " consumer's effect, of the events applied everywhere (lost ones have none).",
                    "recovery: fault over until every event committed by then was applied by every consumer"
                            + " (never: events were lost); it cannot see an effect the consumers applied wrongly.");

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
                        .append(r.mode())
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
                r.mode(),
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
