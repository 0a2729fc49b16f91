package org.outboxlab.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.outboxlab.outbox.DatabaseKind;
import org.outboxlab.outbox.RowLookup;

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

    @Inject DatabaseKind database;

    /**
     * The partitions the caller's transaction may publish, with their epochs, until half a lease
     * from now ({@link Fence}); empty while the relay is off. On PostgreSQL the transaction is also
     * told to end itself once idle for a lease's length ({@code
     * idle_in_transaction_session_timeout}, this transaction only): a node frozen inside a batch
     * holds its partitions for one lease more, not until a session-wide timeout.
     */
    public Fence hold() {
        long deadline = System.nanoTime() + settings.leaseMs() * 1_000_000L / 2;
        IdleLimit.apply(em, database, java.time.Duration.ofMillis(settings.leaseMs()));
        RelaySwitch relaySwitch = RowLookup.find(em, RelaySwitch.class, RelaySwitch.ID);
        if (relaySwitch != null && relaySwitch.isPaused()) {
            return new Fence(Map.of(), deadline);
        }
        Map<Integer, Long> epochs = new TreeMap<>();
        for (PartitionLease lease :
                em.createQuery(
                                "select p from PartitionLease p where p.owner = :node"
                                        + " and p.leaseUntil > :now order by p.partition",
                                PartitionLease.class)
                        .setParameter("node", settings.node())
                        .setParameter("now", Instant.now())
                        .setLockMode(LockModeType.PESSIMISTIC_READ)
                        .getResultList()) {
            epochs.put(lease.getPartition(), lease.getEpoch());
        }
        return new Fence(epochs, deadline);
    }
}
