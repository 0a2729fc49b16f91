package org.outboxlab.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.outboxlab.outbox.OutboxStatus;

/**
 * Reads where the outbox stands: rows by status, and how long the oldest unpublished row has
 * waited.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OutboxBacklog {

    /** The outbox at one moment; {@code oldestPendingAge} is zero when nothing is pending. */
    public record Snapshot(Map<OutboxStatus, Long> byStatus, Duration oldestPendingAge) {

        public long count(OutboxStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    public Snapshot now() {
        Map<OutboxStatus, Long> byStatus = new EnumMap<>(OutboxStatus.class);
        for (OutboxStatus status : OutboxStatus.values()) {
            byStatus.put(status, 0L);
        }
        em.createQuery(
                        "select e.status, count(e) from OutboxEvent e group by e.status",
                        Object[].class)
                .getResultList()
                .forEach(row -> byStatus.put((OutboxStatus) row[0], (Long) row[1]));
        Instant oldest =
                em.createQuery(
                                "select min(e.occurredAt) from OutboxEvent e where e.status = :pending",
                                Instant.class)
                        .setParameter("pending", OutboxStatus.PENDING)
                        .getSingleResult();
        Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now());
        return new Snapshot(byStatus, age.isNegative() ? Duration.ZERO : age);
    }
}
