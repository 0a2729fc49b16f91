package org.outboxlab.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fences a relay batch: in the batch's own transaction, reads this node's unexpired leases with a
 * shared lock ({@code for share} on PostgreSQL), so none of them can pass to another node until the
 * batch commits or rolls back, and a node whose lease ran out finds nothing to publish.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class LeaseFence {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject ClusterSettings settings;

    /** The partitions the caller's transaction may publish; empty while the relay is off. */
    public Fence hold() {
        long deadline = System.nanoTime() + settings.leaseMs() * 1_000_000L;
        RelaySwitch relaySwitch = em.find(RelaySwitch.class, RelaySwitch.ID);
        if (relaySwitch != null && relaySwitch.isPaused()) {
            return new Fence(Set.of(), deadline);
        }
        Set<Integer> partitions = new TreeSet<>();
        for (PartitionLease lease :
                em.createQuery(
                                "select p from PartitionLease p where p.owner = :node"
                                        + " and p.leaseUntil > :now",
                                PartitionLease.class)
                        .setParameter("node", settings.node())
                        .setParameter("now", Instant.now())
                        .setLockMode(LockModeType.PESSIMISTIC_READ)
                        .getResultList()) {
            partitions.add(lease.getPartition());
        }
        return new Fence(partitions, deadline);
    }
}
