package org.outboxlab.web.console;

/**
 * One run of a comparison as the lab's {@code report.json} records it: a write mode under a
 * scenario, and what the audit found. A number the report leaves out is {@code null}; so is the
 * recovery time of a run whose events never all landed.
 */
public record LabRun(
        String mode,
        String scenario,
        String faultPoint,
        Long ordersAttempted,
        Long committed,
        Long rejected,
        Long lost,
        Long phantom,
        Long duplicateEffects,
        Long duplicateDeliveries,
        Long outOfOrder,
        Long heuristic,
        Long deadLettered,
        Long indeterminate,
        Double throughputPerSec,
        Double p50,
        Double p95,
        Double p99,
        Double recoverySeconds,
        Boolean settled,
        String note) {

    /** The run's label in tables and charts: mode, scenario and fault point. */
    public String label() {
        return mode
                + " · "
                + scenario
                + (faultPoint == null || faultPoint.isBlank() ? "" : " · " + faultPoint);
    }

    /**
     * Broken promises: lost, phantom and duplicated effects (0 is the only right answer for OUTBOX
     * and XA).
     */
    public long violations() {
        return n(lost) + n(phantom) + n(duplicateEffects);
    }

    private static long n(Long value) {
        return value == null ? 0 : value;
    }
}
