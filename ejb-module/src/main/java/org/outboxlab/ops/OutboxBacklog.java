package org.outboxlab.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.outboxlab.contract.EventIds;
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

    /** Every status counted and the oldest pending row's age: a scan of the whole table. */
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
        return new Snapshot(byStatus, oldestPendingAge());
    }

    /**
     * The open work only: PENDING and FAILED counted, the oldest pending row's age; no other status
     * in the map. Each is read from the {@code (status, event_id)} index, so it costs what is open,
     * not the published rows a day's retention keeps (a full count took 267 ms a call at 280,000
     * rows and grows with the table).
     */
    public Snapshot open() {
        Map<OutboxStatus, Long> byStatus = new EnumMap<>(OutboxStatus.class);
        for (OutboxStatus status : List.of(OutboxStatus.PENDING, OutboxStatus.FAILED)) {
            byStatus.put(
                    status,
                    em.createQuery(
                                    "select count(e) from OutboxEvent e where e.status = :status",
                                    Long.class)
                            .setParameter("status", status)
                            .getSingleResult());
        }
        return new Snapshot(byStatus, oldestPendingAge());
    }

    /**
     * From the lowest pending event id, which is the oldest (UUIDv7: {@link EventIds}): the first
     * entry of the index, where {@code min(occurred_at)} read every pending row.
     */
    private Duration oldestPendingAge() {
        String oldest =
                em.createQuery(
                                "select min(e.eventId) from OutboxEvent e where e.status = :pending",
                                String.class)
                        .setParameter("pending", OutboxStatus.PENDING)
                        .getSingleResult();
        Duration age =
                oldest == null
                        ? Duration.ZERO
                        : Duration.between(EventIds.createdAt(oldest), Instant.now());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
