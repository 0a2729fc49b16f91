package org.outboxlab.scenario;

/**
 * The audited result of one write mode in one scenario, in the categories of a Jepsen queue check.
 * Counts are events (one per committed order change) unless named otherwise.
 *
 * @param ordersAttempted orders the clients tried to place
 * @param committed order changes the database of record holds (with their event rows)
 * @param rejected writes refused with nothing written: an error answer, or no server to connect to
 * @param lost committed events that some consumer never applied (dead letters excepted)
 * @param phantom effects whose event the database of record does not hold
 * @param duplicateEffects effects applied more than once for one event and consumer
 * @param duplicateDeliveries repeated deliveries the inboxes absorbed
 * @param outOfOrder effects applied after a later event of the same order, per consumer
 * @param heuristic XA heuristic outcomes, plus transactions still prepared in the database after
 *     the wait
 * @param deadLettered events parked in a dead-letter queue
 * @param indeterminate requests whose answer never came; {@code indeterminateCommitted} of them
 *     turned out committed
 * @param ackedButMissing writes the server acknowledged that the database does not hold
 * @param unpublished OUTBOX rows still PENDING or FAILED after the wait
 * @param stalePublishes deliveries of the run's events that the consumers counted as sent under a
 *     lease their sender had lost (a partition epoch lower than one applied for the order); {@code
 *     null} on a single node, where no lease changes hands
 * @param recoverySeconds fault over (or load over) until every event committed by then was applied
 *     by every consumer; {@code null} if that never happened because events were lost
 */
public record RunResult(
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
        Long stalePublishes,
        double throughputPerSec,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        Double recoverySeconds,
        boolean quiesced,
        String note) {}
