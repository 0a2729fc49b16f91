package org.outboxlab.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Tracks a broker outage as the relay sees it: bounded exponential back-off between attempts, one
 * log line when the outage starts and one when it ends, however long it lasts.
 */
final class RelayOutage {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    private Instant since;
    private Instant nextAttempt;
    private int failures;

    synchronized boolean mayTry(Instant now) {
        return nextAttempt == null || !now.isBefore(nextAttempt);
    }

    synchronized boolean ongoing() {
        return since != null;
    }

    synchronized void failed(Instant now, String reason, long initialMs, long maxMs) {
        if (since == null) {
            since = now;
            LOG.warning("broker unavailable, relay backing off (up to " + maxMs + " ms between attempts): " + reason);
        }
        failures++;
        long delay = Math.min(maxMs, initialMs << Math.min(failures - 1, 20));
        nextAttempt = now.plusMillis(delay);
    }

    synchronized void recovered(Instant now) {
        if (since != null) {
            LOG.info("broker reachable again after " + Duration.between(since, now).toMillis() + " ms and "
                    + failures + " failed attempts; relay resumed");
        }
        since = null;
        nextAttempt = null;
        failures = 0;
    }
}
