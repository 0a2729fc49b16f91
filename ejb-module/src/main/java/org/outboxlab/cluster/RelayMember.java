package org.outboxlab.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A node that shares the outbox: its last heartbeat, and whether its relay takes partitions. */
@Entity
@Table(name = "relay_node")
public class RelayMember {

    @Id
    @Column(name = "node_id", length = 64)
    private String node;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "heartbeat_at", nullable = false)
    private Instant heartbeatAt;

    @Column(name = "relaying", nullable = false)
    private boolean relaying;

    protected RelayMember() {}

    RelayMember(String node, Instant now) {
        this.node = node;
        this.startedAt = now;
        this.heartbeatAt = now;
    }

    void beat(Instant now, boolean relaying) {
        this.heartbeatAt = now;
        this.relaying = relaying;
    }

    public String getNode() {
        return node;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getHeartbeatAt() {
        return heartbeatAt;
    }

    public boolean isRelaying() {
        return relaying;
    }
}
