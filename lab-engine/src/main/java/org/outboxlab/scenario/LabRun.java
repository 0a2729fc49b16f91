package org.outboxlab.scenario;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/**
 * One run of a comparison (a write mode under a scenario) as {@code report.json} records it and
 * everything that reads a report takes it: the report writer, the verdict and the admin console.
 * Fields are in the file's order; rates and times are rounded to a tenth, written as JSON-P wrote
 * them ({@code BigDecimal.valueOf(double)}). Reading an older or hand-made file, a number it leaves
 * out stays {@code null} (unknown, not 0); {@code stalePublishes} is written for a cluster's runs
 * only (a single node's report is as before), {@code effectKeyRollbacks} where the lab read the
 * database's log; {@code recoverySeconds} is also {@code null}, and written as such, for a run
 * whose events never all landed. {@code faultPointReached} is written only with a {@code
 * faultPoint}. {@code relayStrategy} ({@code polling}, {@code log-tailing}) is written for the runs
 * of a mode whose rows a relay publishes.
 */
@JsonbPropertyOrder({
    "mode",
    "relayStrategy",
    "scenario",
    "faultPoint",
    "faultPointReached",
    "ordersAttempted",
    "committed",
    "rejected",
    "errors",
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
    "stalePublishes",
    "effectKeyRollbacks",
    "throughputPerSec",
    "latencyMs",
    "recoverySeconds",
    "settled",
    "note"
})
public record LabRun(
        String mode,
        String relayStrategy,
        String scenario,
        String faultPoint,
        Boolean faultPointReached,
        Long ordersAttempted,
        Long committed,
        Long rejected,
        Long errors,
        Long lost,
        Long phantom,
        Long duplicateEffects,
        Long duplicateDeliveries,
        Long outOfOrder,
        Long heuristic,
        Long deadLettered,
        Long indeterminate,
        Long indeterminateCommitted,
        Long ackedButMissing,
        Long unpublished,
        Long stalePublishes,
        Long effectKeyRollbacks,
        BigDecimal throughputPerSec,
        Latency latencyMs,
        @JsonbNillable BigDecimal recoverySeconds,
        Boolean settled,
        String note) {

    /** A run's latency percentiles in milliseconds, from commit to effect. */
    @JsonbPropertyOrder({"p50", "p95", "p99"})
    public record Latency(BigDecimal p50, BigDecimal p95, BigDecimal p99) {}

    /** The audited result as the report records it. */
    public static LabRun of(RunResult r) {
        return new LabRun(
                r.mode(),
                r.relayStrategy(),
                r.scenario(),
                r.faultPoint(),
                r.faultPoint() == null ? null : r.faultPointReached(),
                r.ordersAttempted(),
                r.committed(),
                r.rejected(),
                r.errors(),
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
                r.stalePublishes(),
                r.effectKeyRollbacks(),
                tenth(r.throughputPerSec()),
                new Latency(
                        BigDecimal.valueOf(r.latencyP50Ms()),
                        BigDecimal.valueOf(r.latencyP95Ms()),
                        BigDecimal.valueOf(r.latencyP99Ms())),
                r.recoverySeconds() == null ? null : tenth(r.recoverySeconds()),
                r.quiesced(),
                r.note());
    }

    /**
     * The row of {@code mode} relayed by {@code relayStrategy} (null for none) in reports and
     * verdicts: the mode, then the strategy in parentheses.
     */
    public static String row(String mode, String relayStrategy) {
        return relayStrategy == null ? mode : mode + " (" + relayStrategy + ")";
    }

    /** The run's row in reports and verdicts: its mode, and its relay strategy if any. */
    public String row() {
        return row(mode, relayStrategy);
    }

    /**
     * The run's label in tables and charts: mode (and relay strategy), scenario and fault point.
     */
    public String label() {
        return row()
                + " · "
                + scenario
                + (faultPoint == null || faultPoint.isBlank() ? "" : " · " + faultPoint);
    }

    /**
     * Broken promises the console charts: lost, phantom and duplicated effects, and second applies
     * the effect tables' unique key refused (0 is the only right answer for a mode that promises
     * exactly-once effect).
     */
    public long violations() {
        return n(lost) + n(phantom) + n(duplicateEffects) + n(effectKeyRollbacks);
    }

    /** Everything that breaks a mode's promise: {@link #violations()} and reordered effects. */
    public long broken() {
        return violations() + n(outOfOrder);
    }

    /** Median latency in milliseconds, or {@code null} if the report has none. */
    public Double p50() {
        return latencyMs == null ? null : value(latencyMs.p50());
    }

    /** 95th percentile latency in milliseconds, or {@code null}. */
    public Double p95() {
        return latencyMs == null ? null : value(latencyMs.p95());
    }

    /** 99th percentile latency in milliseconds, or {@code null}. */
    public Double p99() {
        return latencyMs == null ? null : value(latencyMs.p99());
    }

    /** {@code value}, or 0 where the report leaves it out. */
    static long n(Long value) {
        return value == null ? 0 : value;
    }

    private static Double value(BigDecimal number) {
        return number == null ? null : number.doubleValue();
    }

    /**
     * To a tenth; as a {@code BigDecimal} of the double's shortest form, so 12345678.9 is written
     * so and not as 1.23456789E7.
     */
    private static BigDecimal tenth(double value) {
        return BigDecimal.valueOf(Math.round(value * 10) / 10.0);
    }
}
