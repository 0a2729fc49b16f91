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
 * Records an event's arrival at a consumer, in the consumer's transaction: its inbox entry and, if
 * the entry is new and the event next in line for its order, the order's progress advanced (and
 * locked). On PostgreSQL that is one statement (the inbox insert and the progress change as one
 * data-modifying {@code with} query: one round trip where there were two); elsewhere the two
 * statements of {@link InboxLog} and {@link ProgressLog}. Either way the progress is touched only
 * when the inbox entry was inserted, and nothing else differs.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ArrivalLog {

    /** What an arrival was. */
    public enum Arrival {
        /** The consumer had this event already (the caller counts the duplicate). */
        DUPLICATE,
        /** New, and next in line: the order's progress now stands at its sequence. */
        IN_LINE,
        /** New, but not next in line (or something is held): progress unchanged. */
        OUT_OF_LINE
    }

    private static final String ENTRY =
            "with entry as (insert into inbox (consumer, event_id, processed_at, duplicates) "
                    + "values (?1, ?2, ?3, 0) on conflict do nothing returning 1), ";
    private static final String ADVANCE_POSTGRES =
            ENTRY
                    + "advanced as (update consumer_progress set last_sequence = ?5, "
                    + "epoch = case when epoch < ?6 then ?6 else epoch end "
                    + "where consumer = ?1 and order_id = ?4 and last_sequence = ?5 - 1 and held = 0 "
                    + "and (?6 = 0 or epoch <= ?6) and exists (select 1 from entry) returning 1) "
                    + "select (select count(*) from entry), (select count(*) from advanced)";
    private static final String FIRST_POSTGRES =
            ENTRY
                    + "advanced as (insert into consumer_progress "
                    + "(consumer, order_id, last_sequence, held, epoch, stale) "
                    + "select ?1, ?4, ?5, 0, ?6, 0 where exists (select 1 from entry) "
                    + "on conflict do nothing returning 1) "
                    + "select (select count(*) from entry), (select count(*) from advanced)";

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject DatabaseKind database;

    @Inject InboxLog inbox;

    @Inject ProgressLog progress;

    /**
     * Records the arrival of {@code eventId}, sequence {@code sequence} of {@code orderId},
     * published under {@code epoch}: the inbox entry if it is new, and the order's progress if the
     * event is next in line with nothing held and {@code epoch} no lower than the order's.
     */
    public Arrival arrive(
            ConsumerName consumer, String eventId, String orderId, int sequence, long epoch) {
        if (!database.postgres()) {
            if (!inbox.enter(consumer, eventId)) {
                return Arrival.DUPLICATE;
            }
            return progress.advanceInLine(consumer, orderId, sequence, epoch)
                    ? Arrival.IN_LINE
                    : Arrival.OUT_OF_LINE;
        }
        Object[] counts =
                (Object[])
                        em.createNativeQuery(sequence > 1 ? ADVANCE_POSTGRES : FIRST_POSTGRES)
                                .setParameter(1, consumer.id())
                                .setParameter(2, eventId)
                                .setParameter(3, Instant.now())
                                .setParameter(4, orderId)
                                .setParameter(5, sequence)
                                .setParameter(6, epoch)
                                .getSingleResult();
        if (((Number) counts[0]).intValue() == 0) {
            return Arrival.DUPLICATE;
        }
        return ((Number) counts[1]).intValue() == 1 ? Arrival.IN_LINE : Arrival.OUT_OF_LINE;
    }
}
