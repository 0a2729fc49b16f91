package org.outboxlab.relay;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.outboxlab.broker.BrokerUnavailableException;
import org.outboxlab.broker.RouteMissingException;
import org.outboxlab.cluster.ClusterSettings;
import org.outboxlab.cluster.Fence;
import org.outboxlab.cluster.LeaseFence;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.faults.Faults;
import org.outboxlab.metrics.BatchRelayed;
import org.outboxlab.metrics.OutboxMetrics;
import org.outboxlab.metrics.OutboxMetrics.RelayStep;
import org.outboxlab.outbox.DatabaseKind;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.OutboxStatus;
import org.outboxlab.outbox.PendingEvent;
import org.outboxlab.outbox.RowLookup;

/**
 * One relay step in its own database transaction: fence the partitions this node holds a lease on
 * ({@link LeaseFence}), claim the oldest ready rows of those partitions with their orders' later
 * rows (locked; a row is ready once its order's previous event is published, whatever the ids'
 * clocks), publish them in one broker transaction, each order's in its sequence, then mark them
 * published. A row another transaction holds is waited for, never skipped: skipping could let an
 * order's later event leave before its earlier one. A crash between the broker commit and the
 * database commit leaves the rows unpublished, so they are sent again: at-least-once. The broker's
 * duplicate detection refuses a repeat it remembers, and the row is then marked published; a repeat
 * it has forgotten reaches the consumers, whose inbox absorbs it. The broker commit happens only
 * within the fence's deadline (half a lease from reading the leases, checked before sending and
 * right before the commit); a node frozen after that last check can still commit after another node
 * took its partitions over and published the same rows. Artemis then accepts both copies (it adds a
 * transaction's ids to its duplicate cache at commit), and the consumers count the late one by its
 * lower partition epoch while their inbox absorbs it: no event takes effect twice.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RelayBatch {

    private static final Logger LOG = Logger.getLogger(RelayBatch.class.getName());

    /**
     * The orders whose next event is among the oldest ready rows of the partitions. A row is ready
     * when its predecessor (sequence - 1 of the same order) has left the outbox: published, sent by
     * its write path ({@code DIRECT}), or purged after either. Readiness never comes from the id,
     * which carries the clock of the node that wrote the row: an order written on two nodes can
     * have its later event's id lower. The ready rows are taken oldest first ({@code
     * ix_outbox_status_id}, the predecessor looked up on {@code ix_outbox_aggregate}). An order
     * whose event has FAILED has no ready row until an operator retries or discards it: its later
     * events wait, pending and visible in the relay's lag. Other orders flow on.
     *
     * <p>The predecessor is read by a correlated subquery that names only its order and sequence,
     * never its status, so the only index it can use is {@code ix_outbox_aggregate}. As a {@code
     * not exists} with the status inside, PostgreSQL planned it, on statistics taken before a
     * backlog arrived (a bulk of pending rows the planner did not know yet), as a scan of every
     * pending row by {@code ix_outbox_status_id} for each candidate: 40,000 pending rows took 15 s
     * a claim instead of 3 ms, holding the lease rows the heartbeat waits for.
     */
    private static final String READY_ORDERS =
            "select r.aggregate_id from outbox_event r "
                    + "where r.status = 'PENDING' and r.partition_no in (:partitions) "
                    + "and coalesce((select min(case when p.status in ('PENDING', 'FAILED') then 0 else 1 end) "
                    + "from outbox_event p where p.aggregate_id = r.aggregate_id "
                    + "and p.sequence_no = r.sequence_no - 1), 1) = 1 "
                    + "order by r.event_id fetch first :max rows only";

    /**
     * {@link #READY_ORDERS} for the sweeper of {@link RelayStrategy#LOG_TAILING}: only rows older
     * than {@code :before}, which the log reader has had its time to publish.
     */
    private static final String READY_ORDERS_SWEPT =
            READY_ORDERS.replace(
                    "where r.status = 'PENDING' and",
                    "where r.status = 'PENDING' and r.occurred_at < :before and");

    /**
     * The pending rows of {@link #READY_ORDERS}, each order's in its own sequence, locked: an
     * order's later pending rows come with its ready one, so that {@link OutgoingBatch} can send a
     * row right behind its predecessor in the same batch, and each order's first row here is a
     * ready one (a row another drain published meanwhile is re-checked by the lock and left out;
     * its successor is then ready). A row behind a FAILED one of its order comes after a gap in its
     * order's sequence (the FAILED row is not pending, so not here), and {@link OutgoingBatch}
     * sends nothing of an order from its first gap on: it stays pending. Two statements rather than
     * one with the orders as a subquery: PostgreSQL once planned that one, cached, into a loop that
     * ran for minutes over a few thousand pending rows, holding the relay and the lease heartbeat.
     */
    private static final String CLAIM =
            "select "
                    + PendingEvent.COLUMNS
                    + " from outbox_event e where e.aggregate_id in (:orders) and e.status = 'PENDING' "
                    + "order by e.aggregate_id, e.sequence_no fetch first :max rows only for update";

    private static final int GIVE_UP_AFTER_CONSECUTIVE_FAILURES = 3;

    /**
     * Longest a row-by-row pass runs before it commits: a sixth of the 60 s transaction timeout.
     */
    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @EJB BrokerChannel channel;

    @Inject RelaySettings settings;

    @Inject Event<BatchRelayed> relayed;

    @Inject OutboxMetrics metrics;

    @Inject Faults faults;

    @EJB LeaseFence fence;

    @Inject ClusterSettings cluster;

    @Inject DatabaseKind database;

    /**
     * Publishes up to {@code max} rows of relay lane {@code lane}'s partitions ({@link Fence#lane})
     * in one broker transaction on that lane's session; returns how many rows it claimed. A row
     * that cannot become a message is FAILED, and its order's later rows in the batch stay pending.
     */
    public int publishNext(int lane, int max) {
        long started = System.nanoTime();
        Fence held = begin(lane);
        List<PendingEvent> rows = claim(max, held);
        long claimed = System.nanoTime();
        if (rows.isEmpty()) {
            return 0; // an empty poll is not a step of any event's way: not timed
        }
        metrics.relayStep(RelayStep.CLAIM, claimed - started);
        OutgoingBatch batch = OutgoingBatch.of(rows);
        if (!batch.events().isEmpty()) {
            held.check();
            channel.publish(lane, batch.events(), batch.bodies(), held);
            metrics.relayStep(RelayStep.PUBLISH, System.nanoTime() - claimed);
            faults.reach(CrashPoint.OUTBOX_AFTER_BROKER_COMMIT);
        }
        report(batch.events().size(), batch.rejected().size());
        batch.rejected().forEach(this::reject);
        markPublished(batch.eventIds(), Instant.now());
        return rows.size();
    }

    /**
     * Publishes up to {@code max} rows of lane {@code lane} one broker transaction each, after a
     * batch failed while the broker stayed reachable: the rows the broker refuses are charged an
     * attempt, the rows it already holds (refused by duplicate id) are marked published, the others
     * go out. An order whose row was not published in this pass publishes none of its later rows in
     * it. Stops after {@link RelaySettings#oneByOneBudgetMs()} (10 s) and commits what it did, well
     * inside the transaction timeout: the rows not reached stay pending for the next drain, so a
     * large batch cannot time out, roll back every mark and repeat for ever. Returns how many rows
     * it handled.
     *
     * @throws BrokerUnavailableException after several rows in a row failed: the broker, not the
     *     rows
     */
    public int publishOneByOne(int lane, int max) {
        long deadline =
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.oneByOneBudgetMs());
        Fence held = begin(lane);
        List<PendingEvent> rows = claim(max, held);
        int consecutiveFailures = 0;
        List<String> published = new ArrayList<>(rows.size());
        Set<String> stuckOrders = new HashSet<>();
        int failed = 0;
        int handled = 0;
        for (PendingEvent row : rows) {
            if (handled > 0
                    && System.nanoTime() - deadline
                            > 0) { // at least one row a pass: always progress
                LOG.info(
                        "publishing row by row: "
                                + handled
                                + " of "
                                + rows.size()
                                + " rows handled within the time budget; "
                                + "the rest wait for the next drain");
                break;
            }
            if (!held.open()) {
                LOG.warning(
                        "publishing row by row: this node's lease may have passed on after "
                                + handled
                                + " rows; the rest wait for their partition's owner");
                break;
            }
            handled++;
            if (stuckOrders.contains(row.aggregateId())) {
                continue; // behind an unpublished event of its order: stays pending
            }
            OutgoingBatch single = OutgoingBatch.of(List.of(row));
            if (!single.rejected().isEmpty()) {
                reject(row.eventId(), single.rejected().get(row.eventId()));
                stuckOrders.add(row.aggregateId());
                failed++;
                continue;
            }
            try {
                channel.publish(lane, single.events(), single.bodies(), held);
                published.add(row.eventId());
                consecutiveFailures = 0;
            } catch (AlreadyPublishedException e) {
                published.add(row.eventId());
                consecutiveFailures = 0;
                LOG.info(
                        () ->
                                "event "
                                        + row.eventId()
                                        + " was already published (the broker has its duplicate id): "
                                        + "marked published");
            } catch (RouteMissingException e) {
                throw e; // the broker's routing failed, not the row: nothing charged, everything
                // waits
            } catch (BrokerUnavailableException e) {
                fail(row.eventId(), e.getMessage());
                stuckOrders.add(row.aggregateId());
                failed++;
                if (++consecutiveFailures >= GIVE_UP_AFTER_CONSECUTIVE_FAILURES) {
                    throw e; // rolls back the attempts charged above: the broker failed, not the
                    // rows
                }
            }
        }
        markPublished(published, Instant.now());
        report(published.size(), failed);
        return handled;
    }

    /** Sets up this batch's transaction and fences it to lane {@code lane}'s partitions. */
    private Fence begin(int lane) {
        RelayTransaction.tune(em, database);
        return fence.hold().lane(lane, settings.lanes());
    }

    /**
     * One bulk update for the whole batch: a statement per row was most of the relay's database
     * time.
     */
    private void markPublished(List<String> eventIds, Instant at) {
        if (!eventIds.isEmpty()) {
            em.createQuery(
                            "update OutboxEvent e set e.status = :published, e.publishedAt = :at,"
                                    + " e.publishedBy = :node, e.lastError = null"
                                    + " where e.eventId in :ids")
                    .setParameter("published", OutboxStatus.PUBLISHED)
                    .setParameter("at", at)
                    .setParameter("node", cluster.node())
                    .setParameter("ids", eventIds)
                    .executeUpdate();
        }
    }

    private void report(int published, int failed) {
        relayed.fire(new BatchRelayed(published, failed));
    }

    /**
     * The oldest pending rows of the fenced partitions, locked for this transaction, as plain
     * values; none when the fence holds no partition.
     */
    @SuppressWarnings("unchecked")
    private List<PendingEvent> claim(int max, Fence held) {
        if (held.empty()) {
            return List.of();
        }
        boolean sweeping = settings.strategy() == RelayStrategy.LOG_TAILING;
        jakarta.persistence.Query ready =
                em.createNativeQuery(sweeping ? READY_ORDERS_SWEPT : READY_ORDERS, String.class)
                        .setParameter("partitions", held.partitions())
                        .setParameter("max", max);
        if (sweeping) {
            ready.setParameter("before", Instant.now().minusMillis(settings.sweepAfterMs()));
        }
        List<String> orders = ready.getResultList();
        if (orders.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery(CLAIM, PendingEvent.MAPPING)
                .setParameter("orders", orders)
                .setParameter("max", max)
                .getResultList();
    }

    private void reject(String eventId, String error) {
        RowLookup.find(em, OutboxEvent.class, eventId).markFailed(error);
        LOG.warning(() -> "event " + eventId + " cannot be published and is now FAILED: " + error);
    }

    private void fail(String eventId, String error) {
        OutboxEvent row = RowLookup.find(em, OutboxEvent.class, eventId);
        row.recordFailure(error, settings.maxAttempts());
        LOG.warning(
                () ->
                        "event "
                                + eventId
                                + " not published (attempt "
                                + row.getAttempts()
                                + " of "
                                + settings.maxAttempts()
                                + ", now "
                                + row.getStatus()
                                + "): "
                                + error);
    }
}
