package org.outboxlab.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.outboxlab.outbox.OutboxStatus;

/**
 * Orders the relay does not publish: an event of theirs is {@code FAILED}, and their later events
 * stay {@code PENDING} behind it so that none overtakes it. Each waits for an operator to repair
 * and retry the failed row (console, Outbox page).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class BlockedOrders {

    /**
     * A blocked order: its failed event, why it failed, and how many of its events wait behind it.
     */
    public record Blocked(
            String orderId,
            String failedEventId,
            String eventType,
            int sequence,
            int attempts,
            String lastError,
            long waiting) {}

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /** The blocked orders, oldest failed event first, at most {@code max}. */
    public List<Blocked> oldest(int max) {
        return em.createQuery(
                        "select f.aggregateId, f.eventId, f.eventType, f.sequence, f.attempts, f.lastError, "
                                + "(select count(p) from OutboxEvent p where p.aggregateId = f.aggregateId and p.status = :pending) "
                                + "from OutboxEvent f where f.status = :failed order by f.eventId",
                        Object[].class)
                .setParameter("pending", OutboxStatus.PENDING)
                .setParameter("failed", OutboxStatus.FAILED)
                .setMaxResults(max)
                .getResultStream()
                .map(
                        r ->
                                new Blocked(
                                        (String) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        (Integer) r[3],
                                        (Integer) r[4],
                                        (String) r[5],
                                        (Long) r[6]))
                .toList();
    }
}
