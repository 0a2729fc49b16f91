package org.outboxlab.scenario;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A comparison as {@code report.json}, the schema tooling reads: {@code generatedAt}, {@code
 * environment}, {@code command} and one entry per run with the audit's counts, latency percentiles
 * and recovery time ({@code null}: never recovered), in this order, rates and times rounded to a
 * tenth. Numbers are written as JSON-P wrote them before ({@code BigDecimal.valueOf(double)}), so
 * the file is the same byte for byte.
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
                        runs.stream().map(Run::of).toList());
        return JSONB.toJson(report).strip() + "\n";
    }

    /** The whole file. */
    @JsonbPropertyOrder({"generatedAt", "environment", "command", "runs"})
    public record Report(
            String generatedAt, Map<String, String> environment, String command, List<Run> runs) {}

    /** One run: no {@code faultPoint} or {@code note} where there is none. */
    @JsonbPropertyOrder({
        "mode",
        "scenario",
        "faultPoint",
        "ordersAttempted",
        "committed",
        "rejected",
        "lost",
        "phantom",
        "duplicateEffects",
        "duplicateDeliveries",
        "outOfOrder",
        "heuristic",
        "deadLettered",
        "indeterminate",
        "indeterminateCommitted",
        "ackedButMissing",
        "unpublished",
        "throughputPerSec",
        "latencyMs",
        "recoverySeconds",
        "settled",
        "note"
    })
    public record Run(
            String mode,
            String scenario,
            String faultPoint,
            long ordersAttempted,
            long committed,
            long rejected,
            long lost,
            long phantom,
            long duplicateEffects,
            long duplicateDeliveries,
            long outOfOrder,
            long heuristic,
            long deadLettered,
            long indeterminate,
            long indeterminateCommitted,
            long ackedButMissing,
            long unpublished,
            BigDecimal throughputPerSec,
            Latency latencyMs,
            @JsonbNillable BigDecimal recoverySeconds,
            boolean settled,
            String note) {

        static Run of(RunResult r) {
            return new Run(
                    r.mode(),
                    r.scenario(),
                    r.faultPoint(),
                    r.ordersAttempted(),
                    r.committed(),
                    r.rejected(),
                    r.lost(),
                    r.phantom(),
                    r.duplicateEffects(),
                    r.duplicateDeliveries(),
                    r.outOfOrder(),
                    r.heuristic(),
                    r.deadLettered(),
                    r.indeterminate(),
                    r.indeterminateCommitted(),
                    r.ackedButMissing(),
                    r.unpublished(),
                    round(r.throughputPerSec()),
                    new Latency(
                            BigDecimal.valueOf(r.latencyP50Ms()),
                            BigDecimal.valueOf(r.latencyP95Ms()),
                            BigDecimal.valueOf(r.latencyP99Ms())),
                    r.recoverySeconds() == null ? null : round(r.recoverySeconds()),
                    r.quiesced(),
                    r.note());
        }
    }

    /** A run's latency percentiles in milliseconds. */
    @JsonbPropertyOrder({"p50", "p95", "p99"})
    public record Latency(BigDecimal p50, BigDecimal p95, BigDecimal p99) {}

    /**
     * To a tenth; as a {@code BigDecimal} of the double's shortest form, so 12345678.9 is written
     * so and not as 1.23456789E7.
     */
    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(Math.round(value * 10) / 10.0);
    }
}
