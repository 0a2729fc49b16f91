package org.outboxlab.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a partition's owner: which node took it, in which epoch, when. Kept a day, so
 * operators and the lab can tell who was entitled to publish a partition at any moment.
 */
@Entity
@IdClass(LeaseGrant.Key.class)
@Table(name = "relay_lease_grant")
public class LeaseGrant {

    /** The primary key: a partition's epoch. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private int partition;
        private long epoch;

        public Key() {}

        public Key(int partition, long epoch) {
            this.partition = partition;
            this.epoch = epoch;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.partition == partition && key.epoch == epoch;
        }

        @Override
        public int hashCode() {
            return Objects.hash(partition, epoch);
        }
    }

    @Id
    @Column(name = "partition_no")
    private int partition;

    @Id
    @Column(name = "epoch")
    private long epoch;

    @Column(name = "owner", nullable = false, length = 64)
    private String owner;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    protected LeaseGrant() {}

    LeaseGrant(PartitionLease lease, Instant at) {
        this.partition = lease.getPartition();
        this.epoch = lease.getEpoch();
        this.owner = lease.getOwner();
        this.grantedAt = at;
    }

    public int getPartition() {
        return partition;
    }

    public long getEpoch() {
        return epoch;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getGrantedAt() {
        return grantedAt;
    }
}
