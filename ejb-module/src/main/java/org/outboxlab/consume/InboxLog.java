package org.outboxlab.consume;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * The consumers' log of applied event ids. Runs in the consumer's transaction, so an inbox entry
 * exists exactly when the effect it guards was committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class InboxLog {

    @PersistenceContext(unitName = "outbox-xa")
    EntityManager em;

    /**
     * Records the first delivery of {@code eventId} to {@code consumer} and returns {@code true};
     * for any later delivery counts a duplicate and returns {@code false}.
     */
    public boolean firstDelivery(ConsumerName consumer, String eventId) {
        InboxKey key = new InboxKey(consumer.id(), eventId);
        Instant now = Instant.now();
        InboxEntry existing = em.find(InboxEntry.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null) {
            existing.countDuplicate(now);
            return false;
        }
        em.persist(new InboxEntry(key, now));
        em.flush(); // a concurrent first delivery fails here and is redelivered as a duplicate
        return true;
    }
}
