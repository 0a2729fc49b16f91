package org.outboxlab.ops;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One thing an operator did: when, who, what, to what, and to how many rows or messages. */
@Entity
@Table(
        name = "operator_action",
        indexes = @Index(name = "ix_operator_action_at", columnList = "acted_at"))
public class OperatorAction {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "acted_at", nullable = false)
    private Instant actedAt;

    @Column(name = "actor", nullable = false, length = 64)
    private String actor;

    @Column(name = "action", nullable = false, length = 40)
    private String action;

    @Column(name = "target", length = 300)
    private String target;

    @Column(name = "affected", nullable = false)
    private long affected;

    protected OperatorAction() {}

    OperatorAction(String actor, String action, String target, long affected, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.actedAt = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.affected = affected;
    }

    public Instant getActedAt() {
        return actedAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public long getAffected() {
        return affected;
    }
}
