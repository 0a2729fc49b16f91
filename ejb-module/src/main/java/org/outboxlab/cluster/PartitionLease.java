package org.outboxlab.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Who may relay one partition, until when. The epoch grows with every change of owner. A relay
 * batch reads its node's unexpired leases with a shared lock in its own transaction, so no other
 * node can take one of them over before that batch has committed or rolled back.
 */
@Entity
@Table(name = "relay_partition")
public class PartitionLease {

    @Id
    @Column(name = "partition_no")
    private int partition;

    @Column(name = "owner", length = 64)
    private String owner;

    @Column(name = "epoch", nullable = false)
    private long epoch;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected PartitionLease() {}

    PartitionLease(int partition) {
        this.partition = partition;
    }

    /** Takes the partition over for {@code node}: a new epoch. */
    void grant(String node, Instant until) {
        owner = node;
        epoch++;
        leaseUntil = until;
    }

    public int getPartition() {
        return partition;
    }

    public String getOwner() {
        return owner;
    }

    public long getEpoch() {
        return epoch;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }
}
