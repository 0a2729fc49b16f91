package org.outboxlab.relay;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.outboxlab.faults.CrashPoint;
import org.outboxlab.faults.Faults;
import org.outboxlab.ops.AfterCommit;
import org.outboxlab.ops.OutboxMetrics;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.OutboxStatus;

/**
 * One relay step in its own database transaction: claim the oldest unpublished rows (locked, and
 * skipped by other relays where the database supports {@code SKIP LOCKED}), publish them in one
 * broker transaction, then mark them published. A crash between the broker commit and the database
 * commit leaves the rows unpublished, so they are sent again: at-least-once. The broker's duplicate
 * detection refuses a repeat it remembers, and the row is then marked published; a repeat it has
 * forgotten reaches the consumers, whose inbox absorbs it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RelayBatch {

    private static final Logger LOG = Logger.getLogger(RelayBatch.class.getName());
    /** Hibernate's lock timeout for {@code SKIP LOCKED}. */
    private static final int SKIP_LOCKED = -2;
    private static final int GIVE_UP_AFTER_CONSECUTIVE_FAILURES = 3;

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @EJB
    BrokerChannel channel;

    @Inject
    RelaySettings settings;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxMetrics metrics;

    @Inject
    Faults faults;

    /** Publishes up to {@code max} rows in one broker transaction; returns how many rows it claimed. */
    public int publishNext(int max) {
        List<OutboxEvent> rows = claim(max);
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, String> rejected = channel.publish(rows);
        faults.reach(CrashPoint.OUTBOX_AFTER_BROKER_COMMIT);
        report(rows.size() - rejected.size(), rejected.size());
        List<String> published = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            String error = rejected.get(row.getEventId());
            if (error == null) {
                published.add(row.getEventId());
            } else {
                reject(row, error);
            }
        }
        markPublished(published, Instant.now());
        return rows.size();
    }

    /**
     * Publishes up to {@code max} rows one broker transaction each, after a batch failed while the
     * broker stayed reachable: the rows the broker refuses are charged an attempt, the rows it already
     * holds (refused by duplicate id) are marked published, the others go out.
     *
     * @throws BrokerUnavailableException after several rows in a row failed: the broker, not the rows
     */
    public int publishOneByOne(int max) {
        List<OutboxEvent> rows = claim(max);
        int consecutiveFailures = 0;
        int published = 0;
        int failed = 0;
        for (OutboxEvent row : rows) {
            try {
                String error = channel.publish(List.of(row)).get(row.getEventId());
                if (error == null) {
                    row.markPublished(Instant.now());
                    published++;
                } else {
                    reject(row, error);
                    failed++;
                }
                consecutiveFailures = 0;
            } catch (AlreadyPublishedException e) {
                row.markPublished(Instant.now());
                published++;
                consecutiveFailures = 0;
                LOG.info(() -> "event " + row.getEventId() + " was already published (the broker has its duplicate id): "
                        + "marked published");
            } catch (BrokerUnavailableException e) {
                fail(row, e.getMessage());
                failed++;
                if (++consecutiveFailures >= GIVE_UP_AFTER_CONSECUTIVE_FAILURES) {
                    throw e; // rolls back the attempts charged above: the broker failed, not the rows
                }
            }
        }
        report(published, failed);
        return rows.size();
    }

    /** One bulk update for the whole batch: a statement per row was most of the relay's database time. */
    private void markPublished(List<String> eventIds, Instant at) {
        if (!eventIds.isEmpty()) {
            em.createQuery("update OutboxEvent e set e.status = :published, e.publishedAt = :at, e.lastError = null "
                            + "where e.eventId in :ids")
                    .setParameter("published", OutboxStatus.PUBLISHED)
                    .setParameter("at", at)
                    .setParameter("ids", eventIds)
                    .executeUpdate();
        }
    }

    private void report(int published, int failed) {
        afterCommit.run(() -> {
            metrics.published(published);
            metrics.publishFailed(failed);
        });
    }

    private List<OutboxEvent> claim(int max) {
        return em.createQuery("select e from OutboxEvent e where e.status = :status order by e.eventId",
                        OutboxEvent.class)
                .setParameter("status", OutboxStatus.PENDING)
                .setMaxResults(max)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .getResultList();
    }

    private static void reject(OutboxEvent row, String error) {
        row.markFailed(error);
        LOG.warning(() -> "event " + row.getEventId() + " cannot be published and is now FAILED: " + error);
    }

    private void fail(OutboxEvent row, String error) {
        row.recordFailure(error, settings.maxAttempts());
        LOG.warning(() -> "event " + row.getEventId() + " not published (attempt " + row.getAttempts() + " of "
                + settings.maxAttempts() + ", now " + row.getStatus() + "): " + error);
    }
}
