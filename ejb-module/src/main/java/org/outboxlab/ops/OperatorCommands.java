package org.outboxlab.ops;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.outboxlab.consume.EventReceiver;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.ops.FailedEventRetry.FailedFilter;
import org.outboxlab.relay.OutboxRelay;

/**
 * What an operator can do, for the console and the operator API alike: one row or message, or all
 * that match a filter. A bulk action works in bounded batches, one transaction each, so it never
 * holds a hundred thousand rows or messages at once, and looks at most at what matched when it
 * began, so it ends even while new failures arrive. Every action is recorded in the operators'
 * record with its caller and how many it affected. The callers check the caller's role.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OperatorCommands {

    /** Rows or messages per transaction of a bulk action. */
    static final int BATCH = 200;

    @Inject OutboxRelay relay;

    @EJB FailedEventRetry retry;

    @EJB DeadLetterQueues deadLetters;

    @EJB EventReceiver receiver;

    @EJB OperatorLog log;

    public void pauseRelay(String actor) {
        relay.pause();
        log.record(actor, "relay-pause", null, 0);
    }

    public void resumeRelay(String actor) {
        relay.resume();
        log.record(actor, "relay-resume", null, 0);
    }

    /** Returns {@code true} if the FAILED row is PENDING again; the relay is nudged. */
    public boolean retryEvent(String actor, String eventId) {
        boolean retried = retry.retry(eventId);
        if (retried) {
            relay.nudge();
            log.record(actor, "failed-retry", "event " + eventId, 1);
        }
        return retried;
    }

    /** Gives every FAILED row that matches {@code filter} back to the relay; returns how many. */
    public long retryFailed(String actor, FailedFilter filter) {
        long retried = 0;
        try {
            for (int n; (n = retry.retryBatch(filter, BATCH)) > 0; ) {
                retried += n;
                relay.nudge();
            }
        } finally {
            log.record(actor, "failed-retry-all", describe(filter), retried);
        }
        return retried;
    }

    public boolean replayDeadLetter(String actor, ConsumerName consumer, String messageId) {
        boolean replayed = deadLetters.replay(consumer, messageId);
        if (replayed) {
            log.record(actor, "dead-letter-replay", consumer.queue() + " " + messageId, 1);
        }
        return replayed;
    }

    public boolean discardDeadLetter(String actor, ConsumerName consumer, String messageId) {
        boolean discarded = deadLetters.discard(consumer, messageId);
        if (discarded) {
            log.record(actor, "dead-letter-discard", consumer.queue() + " " + messageId, 1);
        }
        return discarded;
    }

    /**
     * Replays (or, without {@code replay}, discards) every message of {@code eventType} (any if
     * null) in {@code consumer}'s dead-letter queue when the action began.
     */
    public DeadLetterQueues.Batch takeDeadLetters(
            String actor, ConsumerName consumer, String eventType, boolean replay) {
        long matched = deadLetters.count(consumer, eventType);
        int moved = 0;
        int kept = 0;
        try {
            while (moved + kept < matched) {
                int max = (int) Math.min(BATCH, matched - moved - kept);
                DeadLetterQueues.Batch batch =
                        deadLetters.takeBatch(consumer, eventType, max, replay);
                if (batch.moved() + batch.kept() == 0) {
                    break;
                }
                moved += batch.moved();
                kept += batch.kept();
            }
        } finally {
            log.record(
                    actor,
                    replay ? "dead-letter-replay-all" : "dead-letter-discard-all",
                    consumer.queue() + (eventType == null ? "" : " eventType=" + eventType),
                    moved);
        }
        return new DeadLetterQueues.Batch(moved, kept);
    }

    /**
     * Releases {@code consumer}'s held events of {@code orderId} past the gap they wait on (the
     * events missing before them are skipped for good); returns how many were applied.
     */
    public int releaseHeld(String actor, ConsumerName consumer, String orderId) {
        int applied = receiver.release(consumer, orderId, actor);
        log.record(actor, "held-release", consumer.id() + " order " + orderId, applied);
        return applied;
    }

    private static String describe(FailedFilter filter) {
        StringBuilder s = new StringBuilder();
        if (filter.eventType() != null) {
            s.append("eventType=").append(filter.eventType());
        }
        if (filter.orderId() != null) {
            s.append(s.isEmpty() ? "" : " ").append("orderId=").append(filter.orderId());
        }
        return s.isEmpty() ? null : s.toString();
    }
}
