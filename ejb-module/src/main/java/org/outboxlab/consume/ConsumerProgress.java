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

    /**
     * The highest partition epoch among the relayed events applied directly (0 before any): a
     * delivery from a lower epoch came from a node that had lost the partition's lease.
     */
    @Column(name = "epoch", nullable = false, columnDefinition = "bigint default 0")
    private long epoch;

    /**
     * Deliveries that came from a lower epoch than {@link #epoch}: published by a node after it had
     * lost the partition's lease (each also took effect at most once, by the inbox and sequence).
     */
    @Column(name = "stale", nullable = false, columnDefinition = "integer default 0")
    private int stale;

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

    public long getEpoch() {
        return epoch;
    }

    public int getStale() {
        return stale;
    }

    /**
     * Whether a delivery from {@code epoch} (0: not relayed, no epoch) came from a node that had
     * lost its lease: an event of a newer owner's epoch was applied already.
     */
    boolean staleFrom(long epoch) {
        return epoch > 0 && epoch < this.epoch;
    }

    /** Counts a delivery from a lower epoch. */
    void staleOne() {
        stale++;
    }

    /** Raises the order's epoch to {@code epoch} if it is higher. */
    void epoch(long epoch) {
        this.epoch = Math.max(this.epoch, epoch);
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
