package org.outboxlab.ops;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.EventIds;
import org.outboxlab.outbox.DatabaseOutage;

/**
 * Keeps the outbox and inbox tables flat under sustained load: on a timer, deletes published outbox
 * rows, inbox rows and idempotency keys older than their retention, in bounded batches of their own
 * transactions, so a purge never holds long locks or grows without bound. Pending and failed rows
 * are never purged.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxHousekeeper {

    private static final Logger LOG = Logger.getLogger(OutboxHousekeeper.class.getName());

    /** Rows removed by one run. */
    public record Purged(int outboxRows, int inboxRows) {}

    @Resource TimerService timers;

    @EJB PurgeBatch batch;

    @Inject HousekeepingSettings settings;

    @Inject DatabaseOutage database;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Timer timer;

    @PostConstruct
    void start() {
        schedule();
    }

    /** Applies new timing and retention at once. */
    public void configure(long intervalMs, Duration outboxRetention, Duration inboxRetention) {
        settings.configure(intervalMs, outboxRetention, inboxRetention);
        Timer current = timer;
        if (current != null) {
            current.cancel();
        }
        schedule();
    }

    /** A run that finds the database down is skipped; the next interval tries again. */
    @Timeout
    void onTimer() {
        database.orElse("housekeeping", () -> purge(Instant.now()), null);
    }

    /** Purges what has expired at {@code now}; skipped (zero) while another run is going on. */
    public Purged purge(Instant now) {
        if (!running.compareAndSet(false, true)) {
            return new Purged(0, 0);
        }
        try {
            int size = settings.batchSize();
            String outboxCutoff = EventIds.lowestAt(now.minus(settings.outboxRetention()));
            int outbox = 0;
            for (int i = 0, n = size; i < settings.maxBatches() && n == size; i++) {
                n = batch.outbox(outboxCutoff, size);
                outbox += n;
            }
            Instant inboxCutoff = now.minus(settings.inboxRetention());
            int inbox = 0;
            for (ConsumerName consumer : ConsumerName.values()) {
                for (int i = 0, n = size; i < settings.maxBatches() && n == size; i++) {
                    n = batch.inbox(consumer, inboxCutoff, size);
                    inbox += n;
                }
            }
            Instant keyCutoff = now.minus(settings.keyRetention());
            for (int i = 0, n = size; i < settings.maxBatches() && n == size; i++) {
                n = batch.idempotencyKeys(keyCutoff, size);
            }
            if (outbox + inbox > 0) {
                LOG.fine("purged " + outbox + " outbox rows and " + inbox + " inbox rows");
            }
            return new Purged(outbox, inbox);
        } finally {
            running.set(false);
        }
    }

    private void schedule() {
        long interval = settings.intervalMs();
        timer =
                timers.createIntervalTimer(
                        interval, interval, new TimerConfig("outbox-housekeeping", false));
    }
}
