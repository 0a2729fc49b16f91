package org.outboxlab.consume;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.metrics.OutboxMetrics;
import org.outboxlab.outbox.DatabaseFailures;
import org.outboxlab.outbox.DatabaseOutage;

/**
 * Holds a delivery while the database is unreachable, instead of failing it: the message stays
 * unacknowledged, the work is tried again with a growing pause (250 ms up to 2 s), and the broker's
 * bounded delivery attempts are left for failures of the event itself. Every consumer session that
 * meets the outage waits here, so delivery pauses until the database is back. After {@code
 * outbox.consumer.database-wait-seconds} (default 300) the failure goes to the broker's redelivery
 * as any other would.
 */
@ApplicationScoped
public class DatabaseWait {

    private static final Logger LOG = Logger.getLogger(DatabaseWait.class.getName());
    private static final long FIRST_PAUSE_MS = 250;
    private static final long LONGEST_PAUSE_MS = 2000;

    @Inject
    @ConfigProperty(name = "outbox.consumer.database-wait-seconds", defaultValue = "300")
    long waitSeconds;

    @Inject DatabaseOutage outage;

    @Inject OutboxMetrics metrics;

    @PostConstruct
    void validate() {
        if (waitSeconds < 0 || waitSeconds > 86_400) {
            throw new IllegalArgumentException(
                    "outbox.consumer.database-wait-seconds must be between 0 and 86400, was "
                            + waitSeconds);
        }
    }

    /**
     * Runs {@code delivery} for {@code consumer}, again and again while the database is
     * unreachable, within the bound.
     */
    public void run(ConsumerName consumer, Runnable delivery) {
        long deadline = 0;
        long pause = FIRST_PAUSE_MS;
        while (true) {
            try {
                delivery.run();
                outage.reached();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseFailures.unavailable(e)) {
                    throw e;
                }
                outage.failed(consumer.id() + " consumer", e);
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + waitSeconds * 1_000_000_000L;
                    metrics.heldForDatabase(consumer);
                }
                long leftMs = (deadline - now) / 1_000_000;
                if (leftMs <= 0) {
                    LOG.warning(
                            consumer.id()
                                    + ": database still unavailable after "
                                    + waitSeconds
                                    + " s; the delivery goes back to the broker's bounded redelivery");
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(pause, leftMs));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        }
    }
}
