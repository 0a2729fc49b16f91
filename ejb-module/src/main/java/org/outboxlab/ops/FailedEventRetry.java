package org.outboxlab.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import org.outboxlab.outbox.OutboxStatus;

/**
 * Gives a FAILED outbox row back to the relay: PENDING again, attempts and last error cleared, in
 * its own transaction. A row in any other state is left alone, so a retry can never publish a row
 * twice on purpose or resurrect a published one. Many rows go back in bounded batches, one
 * transaction each, so a retry of a hundred thousand rows never holds them all locked at once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FailedEventRetry {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /** Returns {@code true} if the row was FAILED and is now PENDING. */
    public boolean retry(String eventId) {
        return retryEach(List.of(eventId)) == 1;
    }

    /**
     * Gives up to {@code max} FAILED rows that match {@code filter} back to the relay, oldest
     * first; returns how many. A caller retries all of them by calling until it returns 0.
     */
    public int retryBatch(FailedFilter filter, int max) {
        StringBuilder where = new StringBuilder("e.status = :failed");
        if (filter.eventType() != null) {
            where.append(" and e.eventType = :type");
        }
        if (filter.orderId() != null) {
            where.append(" and e.aggregateId = :order");
        }
        TypedQuery<String> ids =
                em.createQuery(
                                "select e.eventId from OutboxEvent e where "
                                        + where
                                        + " order by e.eventId",
                                String.class)
                        .setParameter("failed", OutboxStatus.FAILED)
                        .setMaxResults(max);
        if (filter.eventType() != null) {
            ids.setParameter("type", filter.eventType());
        }
        if (filter.orderId() != null) {
            ids.setParameter("order", filter.orderId());
        }
        List<String> batch = ids.getResultList();
        return batch.isEmpty() ? 0 : retryEach(batch);
    }

    /** Those of {@code eventIds} that are FAILED to PENDING; returns how many. */
    private int retryEach(List<String> eventIds) {
        return em.createQuery(
                        "update OutboxEvent e set e.status = :pending, e.attempts = 0, e.lastError = null "
                                + "where e.eventId in :ids and e.status = :failed")
                .setParameter("pending", OutboxStatus.PENDING)
                .setParameter("failed", OutboxStatus.FAILED)
                .setParameter("ids", eventIds)
                .executeUpdate();
    }

    /**
     * Which FAILED rows a bulk retry takes: of one event type, of one order, or both; a null field
     * matches any.
     */
    public record FailedFilter(String eventType, String orderId) {

        /** Every FAILED row. */
        public static final FailedFilter ALL = new FailedFilter(null, null);
    }
}
