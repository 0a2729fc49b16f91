package org.outboxlab.logtail;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.outboxlab.cluster.Fence;
import org.outboxlab.cluster.LeaseExpiredException;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.faults.Faults;
import org.outboxlab.metrics.BatchRelayed;
import org.outboxlab.outbox.DatabaseKind;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.PendingEvent;
import org.outboxlab.outbox.RowLookup;
import org.outboxlab.relay.AlreadyPublishedException;
import org.outboxlab.relay.BrokerChannel;
import org.outboxlab.relay.OutgoingBatch;
import org.outboxlab.relay.RelayTransaction;

/**
 * One batch of rows read from the log, in one database transaction (tuned as a polling batch's,
 * {@link RelayTransaction}): one statement for which of the rows are still PENDING and which of
 * their predecessors are unpublished, one broker transaction for the rows that may go out, then the
 * mark, refused unless the reader's slot lease is still the one it read under. A crash between the
 * broker commit and the database commit leaves the rows pending; the slot, not yet confirmed past
 * them, gives them again, and the broker refuses the repeats it remembers. Events of change data
 * capture (mode CDC) have no row: they go out as the log gave them, and instead of a mark the
 * capture's watermark ({@code relay_slot.captured_to}) moves on to their latest change, under the
 * same fence ({@link ChangeCatchUp} starts from it when a slot is made anew).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SlotBatch {

    private static final Logger LOG = Logger.getLogger(SlotBatch.class.getName());

    /** Of some orders, their rows neither published nor sent by their write path. */
    private static final String UNSETTLED =
            "select event_id, aggregate_id, sequence_no, status from outbox_event "
                    + "where aggregate_id in (?1) and status in ('PENDING', 'FAILED')";

    /**
     * Marks the rows published, but only while the slot is still held under the reader's epoch: the
     * lease row is read with a shared lock, so no node can take the slot over until this
     * transaction ends. Returns the lease rows found (0 or 1) and the rows marked.
     */
    /**
     * For a batch of captured changes: moves change data capture's watermark on to the batch's
     * latest change, but only while the slot is still held under the reader's epoch (the update
     * locks the lease row, as the mark's fence does). Returns the lease row, if still held.
     */
    private static final String CAPTURED =
            "with moved as (update relay_slot set captured_to = greatest(coalesce(captured_to, ?4), ?4) "
                    + "where slot_name = ?1 and owner = ?2 and epoch = ?3 returning epoch) "
                    + "select count(*) from moved";

    private static final String MARK =
            "with fence as (select epoch from relay_slot where slot_name = ?1 and owner = ?2 "
                    + "and epoch = ?3 for share), "
                    + "marked as (update outbox_event set status = 'PUBLISHED', published_at = ?4, "
                    + "published_by = ?2, last_error = null where event_id in (?5) "
                    + "and status = 'PENDING' and exists (select 1 from fence) returning 1) "
                    + "select (select count(*) from fence), (select count(*) from marked)";

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject DatabaseKind database;

    @Inject Event<BatchRelayed> relayed;

    @Inject Faults faults;

    @EJB BrokerChannel channel;

    /**
     * Publishes what of {@code rows} (as the log gave them, in commit order) may go out now, under
     * {@code fence}, and marks it published by {@code node}, holding {@code slot} under {@code
     * epoch}; rows that cannot become a message are FAILED. Returns how many rows it published.
     *
     * @throws LeaseExpiredException if the fence closed or the slot passed to another node: the
     *     transaction rolls back, and what the broker committed is sent again by the next reader
     */
    public int publish(List<PendingEvent> rows, Fence fence, String slot, String node, long epoch) {
        RelayTransaction.tune(em, database);
        OutgoingBatch outgoing = OutgoingBatch.of(ready(rows));
        List<String> published = new ArrayList<>(outgoing.events().size());
        if (!outgoing.events().isEmpty()) {
            fence.check();
            try {
                channel.publish(0, outgoing.events(), outgoing.bodies(), fence);
                published.addAll(outgoing.eventIds());
            } catch (AlreadyPublishedException repeat) {
                published.addAll(oneByOne(outgoing, fence)); // a batch read again after a crash
            }
            List<String> rowsPublished = new ArrayList<>(published.size());
            Instant capturedTo = null;
            for (PendingEvent event : outgoing.events()) {
                if (capturedChange(event)) {
                    capturedTo =
                            capturedTo == null || event.occurredAt().isAfter(capturedTo)
                                    ? event.occurredAt()
                                    : capturedTo;
                } else if (published.contains(event.eventId())) {
                    rowsPublished.add(event.eventId());
                }
            }
            if (capturedTo != null) {
                faults.reach(CrashPoint.CDC_AFTER_BROKER_COMMIT);
            }
            if (!rowsPublished.isEmpty()) {
                faults.reach(CrashPoint.OUTBOX_AFTER_BROKER_COMMIT);
            }
            boolean held = true;
            if (!rowsPublished.isEmpty()) {
                held = mark(slot, node, epoch, rowsPublished);
            }
            if (held && capturedTo != null) {
                held = capture(slot, node, epoch, capturedTo);
            }
            if (!held) {
                throw new LeaseExpiredException(
                        "the slot "
                                + slot
                                + " passed to another node (epoch "
                                + epoch
                                + " is no longer its): "
                                + published.size()
                                + " published events left unmarked; the new reader sends them again");
            }
        }
        outgoing.rejected().forEach(this::reject);
        relayed.fire(new BatchRelayed(published.size(), outgoing.rejected().size()));
        return published.size();
    }

    /**
     * The rows that may go out now: those still PENDING in the table (a row read again after a
     * crash, swept, or deleted meanwhile is not), each an order's first event, or right behind its
     * predecessor in the batch, or behind one that is settled (published, or sent by its write
     * path). A row behind an unsettled predecessor stays pending for the sweeper, and so does every
     * later row of its order in the batch.
     */
    private List<PendingEvent> ready(List<PendingEvent> rows) {
        Set<String> orders = new HashSet<>();
        for (PendingEvent row : rows) {
            if (!capturedChange(row)) {
                orders.add(row.aggregateId());
            }
        }
        Map<String, Boolean> pendingById = new HashMap<>();
        Set<String> unsettledSteps = new HashSet<>();
        List<?> unsettled =
                orders.isEmpty()
                        ? List.of()
                        : em.createNativeQuery(UNSETTLED).setParameter(1, orders).getResultList();
        for (Object row : unsettled) {
            Object[] values = (Object[]) row;
            pendingById.put((String) values[0], "PENDING".equals(values[3]));
            unsettledSteps.add(values[1] + ":" + ((Number) values[2]).intValue());
        }
        List<PendingEvent> ready = new ArrayList<>(rows.size());
        Map<String, Integer> sent = new HashMap<>();
        Set<String> waiting = new HashSet<>();
        for (PendingEvent row : rows) {
            if (capturedChange(row)) {
                ready.add(row); // in the log's order, which is its order's sequence
                continue;
            }
            String order = row.aggregateId();
            if (!pendingById.getOrDefault(row.eventId(), false) || waiting.contains(order)) {
                continue;
            }
            Integer previous = sent.get(order);
            boolean behindItsPredecessor =
                    row.sequence() == 1
                            || (previous != null && previous == row.sequence() - 1)
                            || (previous == null
                                    && !unsettledSteps.contains(
                                            order + ":" + (row.sequence() - 1)));
            if (!behindItsPredecessor) {
                waiting.add(order); // behind an unpublished event: left to the sweeper
                continue;
            }
            ready.add(row);
            sent.put(order, row.sequence());
        }
        return ready;
    }

    /** After the broker refused a batch as holding a repeat: each event in its own transaction. */
    private List<String> oneByOne(OutgoingBatch outgoing, Fence fence) {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < outgoing.events().size(); i++) {
            PendingEvent event = outgoing.events().get(i);
            try {
                channel.publish(0, List.of(event), List.of(outgoing.bodies().get(i)), fence);
            } catch (AlreadyPublishedException alreadyThere) {
                // the broker has it: published
            }
            published.add(event.eventId());
        }
        return published;
    }

    /** Whether {@code event} was read from the order tables' changes, with no outbox row. */
    private static boolean capturedChange(PendingEvent event) {
        return WriteMode.CDC.name().equals(event.writeMode());
    }

    /** Marks the published rows; whether the slot was still held under {@code epoch}. */
    private boolean mark(String slot, String node, long epoch, List<String> published) {
        Object[] counts =
                (Object[])
                        em.createNativeQuery(MARK)
                                .setParameter(1, slot)
                                .setParameter(2, node)
                                .setParameter(3, epoch)
                                .setParameter(4, Instant.now())
                                .setParameter(5, published)
                                .getSingleResult();
        return ((Number) counts[0]).intValue() > 0;
    }

    /** Moves the watermark on; whether the slot was still held under {@code epoch}. */
    private boolean capture(String slot, String node, long epoch, Instant capturedTo) {
        return ((Number)
                                em.createNativeQuery(CAPTURED)
                                        .setParameter(1, slot)
                                        .setParameter(2, node)
                                        .setParameter(3, epoch)
                                        .setParameter(4, java.sql.Timestamp.from(capturedTo))
                                        .getSingleResult())
                        .intValue()
                > 0;
    }

    private void reject(String eventId, String error) {
        OutboxEvent row = RowLookup.find(em, OutboxEvent.class, eventId);
        if (row == null) { // deleted since it was read, or a captured change (no row)
            LOG.severe(() -> "event " + eventId + " cannot be published: " + error);
            return;
        }
        row.markFailed(error);
        LOG.warning(() -> "event " + eventId + " cannot be published and is now FAILED: " + error);
    }
}
