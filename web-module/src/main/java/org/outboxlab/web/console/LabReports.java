package org.outboxlab.web.console;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.outboxlab.scenario.LabRun;

/**
 * Reads the comparison results the lab writes: {@code <dir>/<timestamp>/report.json} and {@code
 * <dir>/latest/report.json}, {@code latest} first, then newest first, each file once even where
 * {@code latest} is a link to a run. A file that cannot be read becomes a report with its error;
 * nothing here ever writes.
 */
public final class LabReports {

    static final String REPORT = "report.json";
    static final long MAX_BYTES = 4L << 20;

    /** Thread-safe: one for every read. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    private LabReports() {}

    public static List<LabReport> read(Path dir) throws IOException {
        List<Path> runs;
        try (Stream<Path> children = Files.list(dir)) {
            runs =
                    children.filter(p -> Files.isRegularFile(p.resolve(REPORT)))
                            .sorted(
                                    Comparator.comparing(
                                                    (Path p) ->
                                                            !p.getFileName()
                                                                    .toString()
                                                                    .equals("latest"))
                                            .thenComparing(
                                                    p -> p.getFileName().toString(),
                                                    Comparator.reverseOrder()))
                            .toList();
        }
        List<LabReport> reports = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path run : runs) {
            Path file = run.resolve(REPORT);
            if (seen.add(file.toRealPath())) {
                reports.add(report(run.getFileName().toString(), file));
            }
        }
        return reports;
    }

    static LabReport report(String name, Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return failed(name, file, "larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                ReportFile report = JSONB.fromJson(in, ReportFile.class);
                if (report == null) {
                    return failed(name, file, "not a JSON object");
                }
                return report.toLabReport(name, file);
            }
        } catch (IOException | RuntimeException e) {
            return failed(name, file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static LabReport failed(String name, Path file, String error) {
        return new LabReport(name, file.toString(), null, List.of(), null, List.of(), error);
    }

    /** {@code report.json} as the lab writes it; whatever it leaves out is {@code null}. */
    public record ReportFile(
            String generatedAt,
            LinkedHashMap<String, Object> environment,
            String command,
            List<LabRun> runs) {

        LabReport toLabReport(String name, Path file) {
            List<Map.Entry<String, String>> env = new ArrayList<>();
            if (environment != null) {
                environment.forEach((key, value) -> env.add(Map.entry(key, String.valueOf(value))));
            }
            List<LabRun> labRuns =
                    runs == null ? List.of() : runs.stream().filter(Objects::nonNull).toList();
            return new LabReport(name, file.toString(), generatedAt, env, command, labRuns, null);
        }
    }
}
