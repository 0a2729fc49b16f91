package org.outboxlab.logtail;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.outboxlab.cluster.LeaseExpiredException;
import org.outboxlab.metrics.BatchRelayed;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.RowLookup;

/**
 * The log reader's two statements in the database, each in a transaction of its own: which rows of
 * some orders are still unpublished (the predecessors a row read from the log must wait for), and
 * the mark of a published batch, refused unless the reader's slot lease is still the one it read
 * under.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SlotBatch {

    private static final Logger LOG = Logger.getLogger(SlotBatch.class.getName());

    /**
     * Marks the rows published, but only while the slot is still held under the reader's epoch: the
     * lease row is read with a shared lock, so no node can take the slot over until this
     * transaction ends. Returns the lease rows found (0 or 1) and the rows marked.
     */
    private static final String MARK =
            "with fence as (select epoch from relay_slot where slot_name = ?1 and owner = ?2 "
                    + "and epoch = ?3 for share), "
                    + "marked as (update outbox_event set status = 'PUBLISHED', published_at = ?4, "
                    + "published_by = ?2, last_error = null where event_id in (?5) "
                    + "and status = 'PENDING' and exists (select 1 from fence) returning 1) "
                    + "select (select count(*) from fence), (select count(*) from marked)";

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject Event<BatchRelayed> relayed;

    /**
     * Of {@code orders}, the rows that are neither published nor sent by their write path (PENDING
     * or FAILED), by event id; one statement for both questions the reader asks of a batch: which
     * of its rows are still to publish (a row read again after a crash, or swept meanwhile, is not;
     * nor is one deleted since), and which of their predecessors are not published yet.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Unsettled> unsettled(Collection<String> orders) {
        Map<String, Unsettled> found = new HashMap<>();
        if (orders.isEmpty()) {
            return found;
        }
        for (Object[] row :
                (List<Object[]>)
                        em.createNativeQuery(
                                        "select event_id, aggregate_id, sequence_no, status from outbox_event "
                                                + "where aggregate_id in (?1) and status in ('PENDING', 'FAILED')")
                                .setParameter(1, orders)
                                .getResultList()) {
            found.put(
                    (String) row[0],
                    new Unsettled(
                            (String) row[1],
                            ((Number) row[2]).intValue(),
                            "PENDING".equals(row[3])));
        }
        return found;
    }

    /** An outbox row not yet published: its order, its sequence, and whether it is PENDING. */
    public record Unsettled(String orderId, int sequence, boolean pending) {}

    /**
     * Marks {@code published} published by {@code node} and the {@code rejected} rows FAILED (with
     * their reasons), if {@code node} still holds {@code slot} under {@code epoch}; returns how
     * many rows it marked published (fewer than given where the sweeper marked a row first).
     *
     * @throws LeaseExpiredException if the slot passed to another node: nothing is marked
     */
    public int mark(
            String slot,
            String node,
            long epoch,
            List<String> published,
            Map<String, String> rejected) {
        int marked = 0;
        if (!published.isEmpty()) {
            Object[] counts =
                    (Object[])
                            em.createNativeQuery(MARK)
                                    .setParameter(1, slot)
                                    .setParameter(2, node)
                                    .setParameter(3, epoch)
                                    .setParameter(4, Instant.now())
                                    .setParameter(5, published)
                                    .getSingleResult();
            if (((Number) counts[0]).intValue() == 0) {
                throw new LeaseExpiredException(
                        "the slot "
                                + slot
                                + " passed to another node (epoch "
                                + epoch
                                + " is no longer its): "
                                + published.size()
                                + " published rows left unmarked; the new reader sends them again");
            }
            marked = ((Number) counts[1]).intValue();
        }
        rejected.forEach(
                (eventId, error) -> {
                    OutboxEvent row = RowLookup.find(em, OutboxEvent.class, eventId);
                    if (row == null) {
                        return; // deleted since it was read
                    }
                    row.markFailed(error);
                    LOG.warning(
                            () ->
                                    "event "
                                            + eventId
                                            + " cannot be published and is now FAILED: "
                                            + error);
                });
        relayed.fire(new BatchRelayed(published.size(), rejected.size()));
        return marked;
    }
}
