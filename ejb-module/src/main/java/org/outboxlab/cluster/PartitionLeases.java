package org.outboxlab.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.outboxlab.contract.Partitions;
import org.outboxlab.outbox.DatabaseKind;
import org.outboxlab.outbox.RowLookup;

/**
 * One heartbeat of a node, in a transaction of its own: records that the node lives, works out
 * which partitions it should hold among the nodes that relay, gives up the others, renews its
 * leases and takes over the partitions that are free or whose lease ran out. A partition another
 * node's running batch still holds (shared lock) is skipped until that batch ends, so a takeover
 * never overlaps a batch of the previous owner.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PartitionLeases {

    /** Members not heard of for this long are forgotten (the console stops listing them). */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    /** Skip rows another transaction holds (Jakarta Persistence's lock timeout hint; Hibernate). */
    private static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";

    private static final int SKIP_LOCKED = -2;

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject DatabaseKind database;

    /**
     * The heartbeat of {@code node}; a node that does not relay ({@code relaying} false) gives up
     * all its partitions.
     */
    public Ownership beat(String node, boolean relaying, Duration lease) {
        // a node frozen inside its beat holds its lease rows locked: let PostgreSQL end this
        // transaction one lease later, so peers take the partitions as after any freeze
        IdleLimit.apply(em, database, lease);
        Instant now = Instant.now();
        seed();
        RelayMember member = RowLookup.find(em, RelayMember.class, node);
        if (member == null) {
            member = new RelayMember(node, now);
            em.persist(member);
        }
        member.beat(now, relaying);
        em.flush();
        Set<String> live =
                new TreeSet<>(
                        em.createQuery(
                                        "select m.node from RelayMember m where m.relaying = true"
                                                + " and m.heartbeatAt > :since",
                                        String.class)
                                .setParameter("since", now.minus(lease))
                                .getResultList());
        Set<Integer> wanted = relaying ? Partitions.assignedTo(node, live) : Set.of();
        // this node's leases first, in partition order as a batch's fence reads them (no deadlock),
        // waiting for a running batch of its own; the updates below touch only rows locked here or
        // free rows taken with skip locked
        em.createQuery(
                        "select p from PartitionLease p where p.owner = :node order by p.partition",
                        PartitionLease.class)
                .setParameter("node", node)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        // the wait above lasts as long as this node's running batch (up to a lease): renew from
        // when the locks were had, not from when the beat began, or a long batch would leave the
        // renewed leases already run out and hand the partitions over under a new epoch
        now = Instant.now();
        Instant until = now.plus(lease);
        release(node, wanted);
        if (!wanted.isEmpty()) {
            em.createQuery(
                            "update PartitionLease p set p.leaseUntil = :until"
                                    + " where p.owner = :node and p.partition in :wanted")
                    .setParameter("until", until)
                    .setParameter("node", node)
                    .setParameter("wanted", wanted)
                    .executeUpdate();
            em.clear(); // the bulk updates left the leases read above stale
            List<PartitionLease> free =
                    em.createQuery(
                                    "select p from PartitionLease p where p.partition in :wanted"
                                            + " and (p.owner is null or p.leaseUntil < :now)",
                                    PartitionLease.class)
                            .setParameter("wanted", wanted)
                            .setParameter("now", now)
                            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                            .setHint(LOCK_TIMEOUT, database.postgres() ? SKIP_LOCKED : 0)
                            .getResultList();
            for (PartitionLease partition : free) {
                partition.grant(node, until);
                em.persist(new LeaseGrant(partition, now));
            }
        }
        em.createQuery("delete from RelayMember m where m.heartbeatAt < :before")
                .setParameter("before", now.minus(FORGET_AFTER))
                .executeUpdate();
        em.createQuery("delete from LeaseGrant g where g.grantedAt < :before")
                .setParameter("before", now.minus(FORGET_AFTER))
                .executeUpdate();
        Set<Integer> held =
                new HashSet<>(
                        em.createQuery(
                                        "select p.partition from PartitionLease p"
                                                + " where p.owner = :node and p.leaseUntil > :now",
                                        Integer.class)
                                .setParameter("node", node)
                                .setParameter("now", now)
                                .getResultList());
        RelaySwitch relaySwitch = RowLookup.find(em, RelaySwitch.class, RelaySwitch.ID);
        return new Ownership(node, held, relaySwitch != null && relaySwitch.isPaused(), live);
    }

    /**
     * Gives up every partition of {@code node} and marks it as not relaying, so the others take its
     * share at their next heartbeat: a node that shuts down.
     */
    static void leave(EntityManager em, String node) {
        release(em, node, Set.of());
        RelayMember member = RowLookup.find(em, RelayMember.class, node);
        if (member != null) {
            member.beat(Instant.now(), false);
        }
    }

    private void release(String node, Set<Integer> keep) {
        release(em, node, keep);
    }

    /** Gives up every partition {@code node} holds but those in {@code keep}. */
    static void release(EntityManager em, String node, Set<Integer> keep) {
        var update =
                em.createQuery(
                                "update PartitionLease p set p.owner = null, p.leaseUntil = null"
                                        + " where p.owner = :node"
                                        + (keep.isEmpty() ? "" : " and p.partition not in :keep"))
                        .setParameter("node", node);
        if (!keep.isEmpty()) {
            update.setParameter("keep", keep);
        }
        update.executeUpdate();
    }

    /**
     * Creates the partitions' rows and the relay switch the first time; a node racing another here
     * fails this heartbeat and succeeds at the next.
     */
    private void seed() {
        long rows =
                em.createQuery("select count(p) from PartitionLease p", Long.class)
                        .getSingleResult();
        if (rows < Partitions.COUNT) {
            for (int p = 0; p < Partitions.COUNT; p++) {
                if (RowLookup.find(em, PartitionLease.class, p) == null) {
                    em.persist(new PartitionLease(p));
                }
            }
        }
        if (RowLookup.find(em, RelaySwitch.class, RelaySwitch.ID) == null) {
            em.persist(new RelaySwitch(false, null, Instant.now()));
        }
    }
}
