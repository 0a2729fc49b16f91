package org.outboxlab.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Tracks an outage as the relay sees it: bounded exponential back-off between attempts, one log line
 * when a broker outage starts and one when it ends, however long it lasts (a database outage is
 * logged once for the whole node by {@link org.outboxlab.outbox.DatabaseOutage}).
 */
final class RelayOutage {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    private Instant since;
    private Instant nextAttempt;
    private int failures;
    private boolean broker;

    synchronized boolean mayTry(Instant now) {
        return nextAttempt == null || !now.isBefore(nextAttempt);
    }

    /** Whether the relay is backing off from a failed attempt, for whichever reason. */
    synchronized boolean ongoing() {
        return since != null;
    }

    /** Whether the relay is backing off because the broker failed. */
    synchronized boolean brokerDown() {
        return since != null && broker;
    }

    /**
     * A failed attempt; {@code brokerFailure} is logged if it starts the outage, {@code null} for a
     * failure logged elsewhere (the database unreachable, a consumer's queue missing).
     */
    synchronized void failed(Instant now, String brokerFailure, long initialMs, long maxMs) {
        if (since == null) {
            since = now;
            broker = brokerFailure != null;
            if (broker) {
                LOG.warning("broker unavailable, relay backing off (up to " + maxMs + " ms between attempts): "
                        + brokerFailure);
            }
        }
        failures++;
        long delay = Math.min(maxMs, initialMs << Math.min(failures - 1, 20));
        nextAttempt = now.plusMillis(delay);
    }

    /** The database answered elsewhere (an order committed): ends a database outage's back-off at once. */
    synchronized void databaseReached() {
        if (since != null && !broker) {
            since = null;
            nextAttempt = null;
            failures = 0;
        }
    }

    synchronized void recovered(Instant now) {
        if (since != null && broker) {
            LOG.info("broker reachable again after " + Duration.between(since, now).toMillis() + " ms and "
                    + failures + " failed attempts; relay resumed");
        }
        since = null;
        nextAttempt = null;
        failures = 0;
    }
}
