package org.outboxlab.scenario;

/**
 * The audited result of one write mode in one scenario, in the categories of a Jepsen queue check.
 * Counts are events (one per committed order change) unless named otherwise.
 *
 * @param faultPointReached whether the server logged reaching {@code faultPoint} before its JVM
 *     halted (not merely that it exited); {@code false} without a fault point
 * @param ordersAttempted orders the clients tried to place
 * @param committed order changes the database of record holds (with their event rows)
 * @param rejected writes refused with nothing written: a 503 with the documented problem, or (where
 *     the scenario takes a WildFly down) a refused connection or WildFly's own 503
 * @param errors answers that are neither success nor a documented refusal (a 500, a 4xx, a problem
 *     claiming a commit the mode never makes), and refused connections where no WildFly was down
 * @param lost committed events that some consumer never applied, a dead-lettered one included
 *     unless the scenario poisoned its order on purpose
 * @param phantom effects whose event the database of record does not hold
 * @param duplicateEffects effects applied more than once for one event and consumer
 * @param duplicateDeliveries repeated deliveries the inboxes absorbed
 * @param outOfOrder effects applied after a later event of the same order, per consumer
 * @param heuristic XA heuristic outcomes, plus transactions still prepared in the database after
 *     the wait
 * @param deadLettered events parked in a dead-letter queue, expected (poisoned) or not
 * @param indeterminate requests whose answer never came; {@code indeterminateCommitted} of them
 *     turned out committed
 * @param ackedButMissing writes the server acknowledged that the database does not hold
 * @param unpublished OUTBOX rows still PENDING or FAILED after the wait
 * @param stalePublishes deliveries of the run's events that the consumers counted as sent under a
 *     lease their sender had lost (a partition epoch lower than one applied for the order); {@code
 *     null} on a single node, where no lease changes hands
 * @param effectKeyRollbacks effects of the run's events the database refused on an effect table's
 *     unique key (a second apply: what a de-duplication bug produces now that the key stands
 *     guard), from PostgreSQL's server log ({@link EffectKeyViolations}); {@code null} where the
 *     lab cannot read that log
 * @param recoverySeconds fault over (or load over) until every event committed by then was applied
 *     by every consumer; {@code null} if that never happened because events were lost
 * @param relayStrategy how the OUTBOX relay found the rows ({@code polling} or {@code
 *     log-tailing}); {@code null} for a mode without an outbox row to relay
 */
public record RunResult(
        String mode,
        String scenario,
        String faultPoint,
        boolean faultPointReached,
        long ordersAttempted,
        long committed,
        long rejected,
        long errors,
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
        Long stalePublishes,
        Long effectKeyRollbacks,
        double throughputPerSec,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        Double recoverySeconds,
        boolean quiesced,
        String note,
        String relayStrategy) {

    /** A result of no particular relay strategy, as the audit makes it. */
    public RunResult(
            String mode,
            String scenario,
            String faultPoint,
            boolean faultPointReached,
            long ordersAttempted,
            long committed,
            long rejected,
            long errors,
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
            Long stalePublishes,
            Long effectKeyRollbacks,
            double throughputPerSec,
            double latencyP50Ms,
            double latencyP95Ms,
            double latencyP99Ms,
            Double recoverySeconds,
            boolean quiesced,
            String note) {
        this(
                mode,
                scenario,
                faultPoint,
                faultPointReached,
                ordersAttempted,
                committed,
                rejected,
                errors,
                lost,
                phantom,
                duplicateEffects,
                duplicateDeliveries,
                outOfOrder,
                heuristic,
                deadLettered,
                indeterminate,
                indeterminateCommitted,
                ackedButMissing,
                unpublished,
                stalePublishes,
                effectKeyRollbacks,
                throughputPerSec,
                latencyP50Ms,
                latencyP95Ms,
                latencyP99Ms,
                recoverySeconds,
                quiesced,
                note,
                null);
    }

    /** This result, its rows relayed by {@code strategy}. */
    public RunResult relayedBy(String strategy) {
        return new RunResult(
                mode,
                scenario,
                faultPoint,
                faultPointReached,
                ordersAttempted,
                committed,
                rejected,
                errors,
                lost,
                phantom,
                duplicateEffects,
                duplicateDeliveries,
                outOfOrder,
                heuristic,
                deadLettered,
                indeterminate,
                indeterminateCommitted,
                ackedButMissing,
                unpublished,
                stalePublishes,
                effectKeyRollbacks,
                throughputPerSec,
                latencyP50Ms,
                latencyP95Ms,
                latencyP99Ms,
                recoverySeconds,
                quiesced,
                note,
                strategy);
    }

    /**
     * The row a report shows this result in: the mode, and for a relayed mode its relay strategy,
     * {@code OUTBOX (log-tailing)}.
     */
    public String row() {
        return LabRun.row(mode, relayStrategy);
    }
}
