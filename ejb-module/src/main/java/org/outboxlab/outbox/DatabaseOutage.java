package org.outboxlab.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * This node's view of a database outage, shared by everything that reaches the database in the
 * background (consumers, relay, housekeeping, gauges): one WARN line when the first of them finds
 * the database unreachable, one INFO line when one of them reaches it again, however many failures
 * lie between, so an outage does not flood the log.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class.getName());

    private volatile Instant since;
    private long failures;

    /**
     * Records that {@code who} found the database unreachable; logs the first such failure of an
     * outage.
     */
    public synchronized void failed(String who, Throwable failure) {
        failures++;
        if (since == null) {
            since = Instant.now();
            LOG.warning(
                    "database unavailable (seen by "
                            + who
                            + "): "
                            + rootMessage(failure)
                            + "; consumers hold their deliveries and the relay retries until it is back");
        }
    }

    /** Records that the database answered; ends an outage in progress. */
    public void reached() {
        if (since == null) {
            return; // the common case, without taking the lock
        }
        synchronized (this) {
            if (since != null) {
                LOG.info(
                        "database reachable again after "
                                + Duration.between(since, Instant.now()).toMillis()
                                + " ms ("
                                + failures
                                + " failed attempts)");
                since = null;
                failures = 0;
            }
        }
    }

    /**
     * Runs background work that may find the database down: its result, or {@code fallback} when
     * the database was unreachable (recorded here, not thrown); any other failure propagates.
     */
    public <T> T orElse(String who, Supplier<T> work, T fallback) {
        try {
            T result = work.get();
            reached();
            return result;
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unavailable(e)) {
                throw e;
            }
            failed(who, e);
            return fallback;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
