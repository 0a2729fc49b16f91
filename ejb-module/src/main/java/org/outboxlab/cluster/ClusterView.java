package org.outboxlab.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as the database knows it, for operators: the nodes with their last heartbeat, and
 * each partition's owner, lease and backlog (pending rows).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class ClusterView {

    /** One node and what it holds. */
    public record Node(
            String node,
            Instant startedAt,
            Instant heartbeatAt,
            boolean relaying,
            int partitions,
            long backlog) {}

    /** One partition: its owner (null when free), lease end and pending rows. */
    public record Partition(
            int partition, String owner, long epoch, Instant leaseUntil, long backlog) {}

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    public List<Partition> partitions() {
        Map<Integer, Long> backlog = new HashMap<>();
        for (Object[] row :
                em.createQuery(
                                "select e.partition, count(e) from OutboxEvent e"
                                        + " where e.status = org.outboxlab.outbox.OutboxStatus.PENDING"
                                        + " group by e.partition",
                                Object[].class)
                        .getResultList()) {
            backlog.put((Integer) row[0], (Long) row[1]);
        }
        List<Partition> partitions = new ArrayList<>();
        for (PartitionLease lease :
                em.createQuery(
                                "select p from PartitionLease p order by p.partition",
                                PartitionLease.class)
                        .getResultList()) {
            partitions.add(
                    new Partition(
                            lease.getPartition(),
                            lease.getOwner(),
                            lease.getEpoch(),
                            lease.getLeaseUntil(),
                            backlog.getOrDefault(lease.getPartition(), 0L)));
        }
        return partitions;
    }

    /** The nodes, by name, each with the partitions it holds and their backlog. */
    public List<Node> nodes() {
        List<Partition> partitions = partitions();
        List<Node> nodes = new ArrayList<>();
        for (RelayMember member :
                em.createQuery("select m from RelayMember m order by m.node", RelayMember.class)
                        .getResultList()) {
            int held = 0;
            long backlog = 0;
            for (Partition partition : partitions) {
                if (member.getNode().equals(partition.owner())) {
                    held++;
                    backlog += partition.backlog();
                }
            }
            nodes.add(
                    new Node(
                            member.getNode(),
                            member.getStartedAt(),
                            member.getHeartbeatAt(),
                            member.isRelaying(),
                            held,
                            backlog));
        }
        return nodes;
    }
}
