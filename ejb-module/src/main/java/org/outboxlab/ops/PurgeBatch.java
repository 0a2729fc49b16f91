package org.outboxlab.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.outbox.OutboxStatus;

/**
 * Deletes one bounded batch of expired rows in its own transaction, oldest first. Only rows whose
 * work is done go: published (or sent directly) outbox rows and inbox rows; pending and failed
 * outbox rows stay until the relay or an operator acts. Event ids are time-ordered, so an outbox
 * row's age is a range scan on the primary key; an inbox row's age is its processing time.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PurgeBatch {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /**
     * Deletes up to {@code max} done outbox rows with ids below {@code cutoffId}; returns how many.
     */
    public int outbox(String cutoffId, int max) {
        List<String> ids =
                em.createQuery(
                                "select e.eventId from OutboxEvent e where e.status in :done "
                                        + "and e.eventId < :cutoff order by e.eventId",
                                String.class)
                        .setParameter("done", List.of(OutboxStatus.PUBLISHED, OutboxStatus.DIRECT))
                        .setParameter("cutoff", cutoffId)
                        .setMaxResults(max)
                        .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from OutboxEvent e where e.eventId in :ids")
                .setParameter("ids", ids)
                .executeUpdate();
    }

    /**
     * Deletes up to {@code max} of {@code consumer}'s inbox rows processed before {@code cutoff}:
     * by when the consumer applied the event, not when the event was created, so an event applied
     * late (a failed row an operator retried days on) keeps its inbox row for the whole retention.
     * A held event's row stays until the event is applied: a later copy of it must find it and
     * count as a duplicate, not be held a second time.
     */
    public int inbox(ConsumerName consumer, Instant cutoff, int max) {
        List<String> ids =
                em.createQuery(
                                "select i.key.eventId from InboxEntry i where i.key.consumer = :consumer "
                                        + "and i.processedAt < :cutoff and not exists (select h from HeldEvent h"
                                        + " where h.key.consumer = i.key.consumer and h.key.eventId = i.key.eventId)"
                                        + " order by i.processedAt",
                                String.class)
                        .setParameter("consumer", consumer.id())
                        .setParameter("cutoff", cutoff)
                        .setMaxResults(max)
                        .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery(
                        "delete from InboxEntry i where i.key.consumer = :consumer and i.key.eventId in :ids")
                .setParameter("consumer", consumer.id())
                .setParameter("ids", ids)
                .executeUpdate();
    }

    /**
     * Deletes up to {@code max} idempotency keys stored before {@code cutoff}; returns how many.
     */
    public int idempotencyKeys(Instant cutoff, int max) {
        List<String> keys =
                em.createQuery(
                                "select k.keyValue from IdempotencyKey k where k.createdAt < :cutoff "
                                        + "order by k.createdAt",
                                String.class)
                        .setParameter("cutoff", cutoff)
                        .setMaxResults(max)
                        .getResultList();
        if (keys.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from IdempotencyKey k where k.keyValue in :keys")
                .setParameter("keys", keys)
                .executeUpdate();
    }
}
