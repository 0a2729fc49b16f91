package org.outboxlab.consume;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.outbox.DatabaseKind;
import org.outboxlab.outbox.RowLookup;

/**
 * Each consumer's progress per order, in the consumer's transaction. An event that is next in line
 * (its order's first event, or the one after the last applied with nothing held) advances the
 * progress row in one statement that also locks it; anything else takes the row with a locking read
 * and decides: duplicate, hold, or apply and drain the held ones.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ProgressLog {

    private static final String FIRST_POSTGRES =
            "insert into consumer_progress (consumer, order_id, last_sequence, held, epoch, stale) "
                    + "values (?1, ?2, ?3, 0, ?4, 0) on conflict do nothing";
    private static final String FIRST_GUARDED =
            "insert into consumer_progress (consumer, order_id, last_sequence, held, epoch, stale) "
                    + "select ?1, ?2, ?3, 0, ?4, 0 where not exists (select 1 from consumer_progress where consumer = ?1 and order_id = ?2)";
    private static final String ADVANCE =
            "update consumer_progress set last_sequence = ?3, "
                    + "epoch = case when epoch < ?4 then ?4 else epoch end "
                    + "where consumer = ?1 and order_id = ?2 and last_sequence = ?3 - 1 and held = 0 "
                    + "and (?4 = 0 or epoch <= ?4)";

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject DatabaseKind database;

    /**
     * Records {@code sequence} as applied and returns {@code true} if it is next in line for the
     * order with nothing held and {@code epoch} is no lower than the order's latest applied one
     * (raising that to {@code epoch}; epoch 0, an event published without a partition lease, by the
     * log-tailing relay or a write path, is never lower); otherwise changes nothing and returns
     * {@code false}.
     */
    public boolean advanceInLine(ConsumerName consumer, String orderId, int sequence, long epoch) {
        String sql = sequence > 1 ? ADVANCE : database.postgres() ? FIRST_POSTGRES : FIRST_GUARDED;
        return em.createNativeQuery(sql)
                        .setParameter(1, consumer.id())
                        .setParameter(2, orderId)
                        .setParameter(3, sequence)
                        .setParameter(4, epoch)
                        .executeUpdate()
                == 1;
    }

    /**
     * The progress row of the order, locked for this transaction, or a new one (saved by {@link
     * #save}) for an order this consumer has no row of: one it saw before the rows existed starts
     * from its effects and held events.
     */
    public ConsumerProgress lock(ConsumerName consumer, String orderId) {
        ProgressKey key = new ProgressKey(consumer.id(), orderId);
        ConsumerProgress progress =
                RowLookup.find(em, ConsumerProgress.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (progress == null) {
            progress =
                    new ConsumerProgress(
                            key, appliedBefore(consumer, orderId), heldBefore(consumer, orderId));
        }
        return progress;
    }

    /**
     * Makes a new progress row persistent, with its final values; a locked row is saved at commit
     * anyway.
     */
    public void save(ConsumerProgress progress) {
        if (!em.contains(progress)) {
            em.persist(progress);
        }
    }

    private int appliedBefore(ConsumerName consumer, String orderId) {
        String entity = em.getMetamodel().entity(Effects.typeOf(consumer)).getName();
        Integer max =
                em.createQuery(
                                "select max(e.sequence) from "
                                        + entity
                                        + " e where e.orderId = :orderId",
                                Integer.class)
                        .setParameter("orderId", orderId)
                        .getSingleResult();
        return max == null ? 0 : max;
    }

    private int heldBefore(ConsumerName consumer, String orderId) {
        return em.createQuery(
                        "select count(h) from HeldEvent h where h.key.consumer = :consumer "
                                + "and h.orderId = :orderId",
                        Long.class)
                .setParameter("consumer", consumer.id())
                .setParameter("orderId", orderId)
                .getSingleResult()
                .intValue();
    }
}
