package org.outboxlab.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages through the outbox newest first (event ids are time-ordered), filtered by status, order,
 * event type and time. Reads only; the rows it returns are detached copies.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OutboxSearch {

    /** One page of matching rows, and how many rows match in all. */
    public record Page(List<OutboxEvent> rows, long total, int offset, int size) {}

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /** Up to {@code size} rows matching {@code filter}, skipping the first {@code offset}. */
    public Page find(OutboxFilter filter, int offset, int size) {
        int first = Math.max(0, offset);
        int max = Math.max(1, Math.min(size, 500));
        List<String> where = new ArrayList<>();
        if (filter.status() != null) {
            where.add("e.status = :status");
        }
        if (present(filter.orderId())) {
            where.add("e.aggregateId = :orderId");
        }
        if (present(filter.eventType())) {
            where.add("e.eventType = :eventType");
        }
        if (filter.from() != null) {
            where.add("e.occurredAt >= :from");
        }
        if (filter.to() != null) {
            where.add("e.occurredAt < :to");
        }
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        TypedQuery<Long> count =
                em.createQuery("select count(e) from OutboxEvent e" + condition, Long.class);
        TypedQuery<OutboxEvent> rows =
                em.createQuery(
                        "select e from OutboxEvent e" + condition + " order by e.eventId desc",
                        OutboxEvent.class);
        bind(count, filter);
        bind(rows, filter);
        return new Page(
                rows.setFirstResult(first).setMaxResults(max).getResultList(),
                count.getSingleResult(),
                first,
                max);
    }

    public Optional<OutboxEvent> event(String eventId) {
        return Optional.ofNullable(
                eventId == null ? null : RowLookup.find(em, OutboxEvent.class, eventId));
    }

    /** The event types present in the outbox, for a filter's choices. */
    public List<String> eventTypes() {
        return em.createQuery(
                        "select distinct e.eventType from OutboxEvent e order by e.eventType",
                        String.class)
                .getResultList();
    }

    private static void bind(TypedQuery<?> query, OutboxFilter filter) {
        if (filter.status() != null) {
            query.setParameter("status", filter.status());
        }
        if (present(filter.orderId())) {
            query.setParameter("orderId", filter.orderId().trim());
        }
        if (present(filter.eventType())) {
            query.setParameter("eventType", filter.eventType().trim());
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
