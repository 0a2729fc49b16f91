package org.outboxlab.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The cluster's relay switch, one row: while it is off no node's relay publishes, and it stays off
 * across restarts until an operator resumes the relay.
 */
@Entity
@Table(name = "relay_control")
public class RelaySwitch {

    static final int ID = 1;

    @Id
    @Column(name = "id")
    private int id;

    @Column(name = "paused", nullable = false)
    private boolean paused;

    @Column(name = "changed_at")
    private Instant changedAt;

    @Column(name = "changed_by", length = 64)
    private String changedBy;

    protected RelaySwitch() {}

    RelaySwitch(boolean paused, String node, Instant at) {
        this.id = ID;
        set(paused, node, at);
    }

    void set(boolean paused, String node, Instant at) {
        this.paused = paused;
        this.changedBy = node;
        this.changedAt = at;
    }

    public boolean isPaused() {
        return paused;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getChangedBy() {
        return changedBy;
    }
}
