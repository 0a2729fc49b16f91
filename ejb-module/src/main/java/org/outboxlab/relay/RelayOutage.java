package org.outboxlab.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Tracks an outage as the relay sees it: bounded exponential back-off between attempts, and what it
 * waits for. A broker outage is logged here once when it starts and once when it ends, however long
 * it lasts; a database outage is logged once for the whole node by {@link
 * org.outboxlab.outbox.DatabaseOutage}, a missing route by {@link EventRoutes}.
 */
final class RelayOutage {

    /** What the relay waits for. */
    enum Cause {
        BROKER,
        DATABASE,
        ROUTE
    }

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    private Instant since;
    private Instant nextAttempt;
    private int failures;
    private Cause cause;

    synchronized boolean mayTry(Instant now) {
        return nextAttempt == null || !now.isBefore(nextAttempt);
    }

    /** Whether the relay is backing off from a failed attempt, for whichever reason. */
    synchronized boolean ongoing() {
        return since != null;
    }

    /** Whether the relay is backing off because the broker failed. */
    synchronized boolean brokerDown() {
        return since != null && cause == Cause.BROKER;
    }

    /**
     * A failed attempt for {@code cause}; a broker failure starting to be the cause is logged with
     * {@code reason}. A failure of the same cause reported while a back-off is still running is
     * another relay lane's attempt of the same round: it neither lengthens the back-off nor counts.
     */
    synchronized void failed(
            Instant now, Cause failure, String reason, long initialMs, long maxMs) {
        if (failure == cause && nextAttempt != null && now.isBefore(nextAttempt)) {
            return;
        }
        if (since == null) {
            since = now;
        }
        if (failure != cause && failure == Cause.BROKER) {
            LOG.warning(
                    "broker unavailable, relay backing off (up to "
                            + maxMs
                            + " ms between attempts): "
                            + reason);
        }
        cause = failure;
        failures++;
        long delay = Math.min(maxMs, initialMs << Math.min(failures - 1, 20));
        nextAttempt = now.plusMillis(delay);
    }

    /**
     * The database answered elsewhere (an order committed): ends the back-off of a database outage,
     * and only that.
     */
    synchronized void databaseReached() {
        if (since != null && cause == Cause.DATABASE) {
            clear();
        }
    }

    /** A batch went through: whatever the relay waited for is back. */
    synchronized void recovered(Instant now) {
        if (since != null && cause == Cause.BROKER) {
            LOG.info(
                    "broker reachable again after "
                            + Duration.between(since, now).toMillis()
                            + " ms and "
                            + failures
                            + " failed attempts; relay resumed");
        }
        clear();
    }

    private void clear() {
        since = null;
        nextAttempt = null;
        failures = 0;
        cause = null;
    }
}
