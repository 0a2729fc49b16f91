package org.outboxlab.consume;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * How far one consumer got with one order: the last sequence it applied without a gap, and how many
 * of the order's later events it holds. Every delivery of the order's events locks it in the
 * delivery's transaction (a conditional update, or a locking read: see {@link ProgressLog}), so two
 * deliveries of one order in one consumer apply one after the other, and a delivery looks for held
 * events only when there are some.
 */
@Entity
@Table(name = "consumer_progress")
public class ConsumerProgress {

    @EmbeddedId private ProgressKey key;

    @Column(name = "last_sequence", nullable = false)
    private int lastSequence;

    @Column(name = "held", nullable = false)
    private int held;

    protected ConsumerProgress() {}

    ConsumerProgress(ProgressKey key, int lastSequence, int held) {
        this.key = key;
        this.lastSequence = lastSequence;
        this.held = held;
    }

    public int getLastSequence() {
        return lastSequence;
    }

    public int getHeld() {
        return held;
    }

    void applied(int sequence) {
        lastSequence = sequence;
    }

    /**
     * Moves past events that will never come: an operator's release of a gap ({@link
     * EventReceiver#release}).
     */
    void skipTo(int sequence) {
        if (sequence > lastSequence) {
            lastSequence = sequence;
        }
    }

    void holdOne() {
        held++;
    }

    void releaseOne() {
        held--;
    }
}
