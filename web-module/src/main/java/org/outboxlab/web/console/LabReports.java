package org.outboxlab.web.console;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the comparison results the lab writes: {@code <dir>/<timestamp>/report.json} and {@code
 * <dir>/latest/report.json}, {@code latest} first, then newest first, each file once even where
 * {@code latest} is a link to a run. A file that cannot be read becomes a report with its error;
 * nothing here ever writes.
 */
public final class LabReports {

    static final String REPORT = "report.json";
    static final long MAX_BYTES = 4L << 20;

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
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    JsonReader json = Json.createReader(in)) {
                return parse(name, file, json.readObject());
            }
        } catch (IOException | RuntimeException e) {
            return failed(name, file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static LabReport parse(String name, Path file, JsonObject json) {
        List<Map.Entry<String, String>> environment = new ArrayList<>();
        JsonValue env = json.get("environment");
        if (env instanceof JsonObject object) {
            object.forEach((key, value) -> environment.add(Map.entry(key, text(value))));
        }
        List<LabRun> runs = new ArrayList<>();
        JsonValue list = json.get("runs");
        if (list instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject run) {
                    runs.add(run(run));
                }
            }
        }
        return new LabReport(
                name,
                file.toString(),
                string(json, "generatedAt"),
                environment,
                string(json, "command"),
                runs,
                null);
    }

    private static LabRun run(JsonObject run) {
        JsonObject latency =
                run.get("latencyMs") instanceof JsonObject l ? l : JsonValue.EMPTY_JSON_OBJECT;
        return new LabRun(
                string(run, "mode"),
                string(run, "scenario"),
                string(run, "faultPoint"),
                whole(run, "ordersAttempted"),
                whole(run, "committed"),
                whole(run, "rejected"),
                whole(run, "lost"),
                whole(run, "phantom"),
                whole(run, "duplicateEffects"),
                whole(run, "duplicateDeliveries"),
                whole(run, "outOfOrder"),
                whole(run, "heuristic"),
                whole(run, "deadLettered"),
                whole(run, "indeterminate"),
                decimal(run, "throughputPerSec"),
                decimal(latency, "p50"),
                decimal(latency, "p95"),
                decimal(latency, "p99"),
                decimal(run, "recoverySeconds"),
                run.get("settled") == null || run.get("settled") == JsonValue.NULL
                        ? null
                        : run.get("settled") == JsonValue.TRUE,
                string(run, "note"));
    }

    private static LabReport failed(String name, Path file, String error) {
        return new LabReport(name, file.toString(), null, List.of(), null, List.of(), error);
    }

    private static String string(JsonObject json, String key) {
        JsonValue value = json.get(key);
        return value == null || value == JsonValue.NULL ? null : text(value);
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static Long whole(JsonObject json, String key) {
        return json.get(key) instanceof JsonNumber n ? n.longValue() : null;
    }

    private static Double decimal(JsonObject json, String key) {
        return json.get(key) instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
