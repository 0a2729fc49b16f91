package org.outboxlab.scenario;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A comparison as {@code report.json}, the schema tooling reads: {@code generatedAt}, {@code
 * environment}, {@code command} and one {@link LabRun} per run with the audit's counts, latency
 * percentiles and recovery time ({@code null}: never recovered), in this order, rates and times
 * rounded to a tenth. Numbers are written as JSON-P wrote them before ({@code
 * BigDecimal.valueOf(double)}), so the file is the same byte for byte.
 */
public final class ReportJson {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    private ReportJson() {}

    public static String of(
            Instant generatedAt,
            Map<String, String> environment,
            String command,
            List<RunResult> runs) {
        Report report =
                new Report(
                        generatedAt.toString(),
                        environment,
                        command,
                        runs.stream().map(LabRun::of).toList());
        return JSONB.toJson(report).strip() + "\n";
    }

    /** The whole file. */
    @JsonbPropertyOrder({"generatedAt", "environment", "command", "runs"})
    public record Report(
            String generatedAt,
            Map<String, String> environment,
            String command,
            List<LabRun> runs) {}
}
