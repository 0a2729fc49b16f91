package org.outboxlab.scenario;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A comparison as {@code report.json}, the schema tooling reads: {@code generatedAt}, {@code
 * environment}, {@code command} and one entry per run with the audit's counts, latency percentiles
 * and recovery time ({@code null}: never recovered).
 */
public final class ReportJson {

    private ReportJson() {}

    public static String of(
            Instant generatedAt,
            Map<String, String> environment,
            String command,
            List<RunResult> runs) {
        JsonObjectBuilder env = Json.createObjectBuilder();
        environment.forEach(env::add);
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (RunResult r : runs) {
            JsonObjectBuilder run =
                    Json.createObjectBuilder().add("mode", r.mode()).add("scenario", r.scenario());
            if (r.faultPoint() != null) {
                run.add("faultPoint", r.faultPoint());
            }
            run.add("ordersAttempted", r.ordersAttempted())
                    .add("committed", r.committed())
                    .add("rejected", r.rejected())
                    .add("lost", r.lost())
                    .add("phantom", r.phantom())
                    .add("duplicateEffects", r.duplicateEffects())
                    .add("duplicateDeliveries", r.duplicateDeliveries())
                    .add("outOfOrder", r.outOfOrder())
                    .add("heuristic", r.heuristic())
                    .add("deadLettered", r.deadLettered())
                    .add("indeterminate", r.indeterminate())
                    .add("indeterminateCommitted", r.indeterminateCommitted())
                    .add("ackedButMissing", r.ackedButMissing())
                    .add("unpublished", r.unpublished())
                    .add("throughputPerSec", round(r.throughputPerSec()))
                    .add(
                            "latencyMs",
                            Json.createObjectBuilder()
                                    .add("p50", r.latencyP50Ms())
                                    .add("p95", r.latencyP95Ms())
                                    .add("p99", r.latencyP99Ms()));
            if (r.recoverySeconds() == null) {
                run.addNull("recoverySeconds");
            } else {
                run.add("recoverySeconds", round(r.recoverySeconds()));
            }
            run.add("settled", r.quiesced());
            if (r.note() != null) {
                run.add("note", r.note());
            }
            array.add(run);
        }
        StringWriter out = new StringWriter();
        try (JsonWriter writer =
                Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                        .createWriter(out)) {
            writer.writeObject(
                    Json.createObjectBuilder()
                            .add("generatedAt", generatedAt.toString())
                            .add("environment", env)
                            .add("command", command)
                            .add("runs", array)
                            .build());
        }
        return out.toString().strip() + "\n";
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
