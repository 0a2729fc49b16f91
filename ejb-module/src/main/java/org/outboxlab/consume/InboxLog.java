package org.outboxlab.consume;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.outbox.DatabaseKind;

/**
 * The consumers' log of applied event ids. Runs in the consumer's transaction, so an inbox entry
 * exists exactly when the effect it guards was committed. An entry is an insert that tolerates the
 * entry being there already (PostgreSQL's {@code on conflict do nothing}, a guarded insert
 * elsewhere), with no locking read before it; on PostgreSQL {@link ArrivalLog} makes it in the same
 * statement as the order's progress.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class InboxLog {

    private static final String INSERT_POSTGRES =
            "insert into inbox (consumer, event_id, processed_at, duplicates) "
                    + "values (?1, ?2, ?3, 0) on conflict do nothing";
    private static final String INSERT_GUARDED =
            "insert into inbox (consumer, event_id, processed_at, duplicates) "
                    + "select ?1, ?2, ?3, 0 where not exists (select 1 from inbox where consumer = ?1 and event_id = ?2)";
    private static final String COUNT_DUPLICATE =
            "update inbox set duplicates = duplicates + 1, last_duplicate_at = ?3 "
                    + "where consumer = ?1 and event_id = ?2";

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject DatabaseKind database;

    /**
     * Records the first delivery of {@code eventId} to {@code consumer} and returns {@code true};
     * returns {@code false} for any later delivery, which the caller counts ({@link
     * #countDuplicate}). A concurrent first delivery of the same event waits for this transaction,
     * then finds the entry.
     */
    public boolean enter(ConsumerName consumer, String eventId) {
        return em.createNativeQuery(database.postgres() ? INSERT_POSTGRES : INSERT_GUARDED)
                        .setParameter(1, consumer.id())
                        .setParameter(2, eventId)
                        .setParameter(3, Instant.now())
                        .executeUpdate()
                == 1;
    }

    /** Counts a delivery of an event this consumer had applied already as a duplicate. */
    public void countDuplicate(ConsumerName consumer, String eventId, Instant at) {
        em.createNativeQuery(COUNT_DUPLICATE)
                .setParameter(1, consumer.id())
                .setParameter(2, eventId)
                .setParameter(3, at)
                .executeUpdate();
    }
}
