package org.outboxlab.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.outboxlab.outbox.OutboxStatus;

/**
 * Gives a FAILED outbox row back to the relay: PENDING again, attempts and last error cleared, in
 * its own transaction. A row in any other state is left alone, so a retry can never publish a row
 * twice on purpose or resurrect a published one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FailedEventRetry {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /** Returns {@code true} if the row was FAILED and is now PENDING. */
    public boolean retry(String eventId) {
        return em.createQuery(
                                "update OutboxEvent e set e.status = :pending, e.attempts = 0, e.lastError = null "
                                        + "where e.eventId = :id and e.status = :failed")
                        .setParameter("pending", OutboxStatus.PENDING)
                        .setParameter("failed", OutboxStatus.FAILED)
                        .setParameter("id", eventId)
                        .executeUpdate()
                == 1;
    }
}
