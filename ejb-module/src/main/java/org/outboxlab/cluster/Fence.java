package org.outboxlab.cluster;

import java.util.Map;
import java.util.Set;

/**
 * The partitions one relay batch may publish, the epoch of each one's lease, and until when by this
 * JVM's clock: half a lease from the moment the batch read its leases. No other node can take a
 * partition over before this node's batch transaction has ended and a lease has passed since its
 * last statement (the transaction ends itself after idling a lease), so a batch that commits to the
 * broker within half a lease of the read commits while it is still the owner, with half a lease to
 * spare for clocks and scheduling. The relay checks before it sends and again right before the
 * broker commit; a batch whose JVM stalled past the deadline (a long GC, a SIGSTOP) publishes
 * nothing more, even if its database session survived. Only a stall between that last check and the
 * broker's receipt of the commit escapes the fence: the epoch each message carries lets the
 * consumers tell such a late message from the newer owner's.
 *
 * @param epochs for each partition whose lease the batch holds (shared lock) in its transaction,
 *     that lease's epoch
 * @param deadlineNanos {@link System#nanoTime()} after which the batch must not publish
 */
public record Fence(Map<Integer, Long> epochs, long deadlineNanos) {

    public Fence {
        epochs = Map.copyOf(epochs);
    }

    /**
     * The share of this fence that relay lane {@code lane} of {@code lanes} publishes: of the held
     * partitions in ascending order, every {@code lanes}-th one from the {@code lane}-th. The
     * shares of one fence are disjoint and together hold every partition, so an order has one lane
     * at a time; when the node's leases change, a partition may move to another lane, whose claim
     * then waits for the rows the first lane holds locked (as a node taking a partition over does).
     */
    public Fence lane(int lane, int lanes) {
        if (lanes == 1) {
            return this;
        }
        Map<Integer, Long> share = new java.util.HashMap<>();
        int index = 0;
        for (Integer partition : new java.util.TreeSet<>(epochs.keySet())) {
            if (index++ % lanes == lane) {
                share.put(partition, epochs.get(partition));
            }
        }
        return new Fence(share, deadlineNanos);
    }

    /** The partitions the batch may publish. */
    public Set<Integer> partitions() {
        return epochs.keySet();
    }

    /**
     * The epoch of this node's lease on {@code partition}.
     *
     * @throws IllegalArgumentException if the batch holds no lease on it
     */
    public long epochOf(int partition) {
        Long epoch = epochs.get(partition);
        if (epoch == null) {
            throw new IllegalArgumentException("no lease held on partition " + partition);
        }
        return epoch;
    }

    /** Nothing to publish: no lease held, or the cluster's relay is switched off. */
    public boolean empty() {
        return epochs.isEmpty();
    }

    /** The batch may still publish. */
    public boolean open() {
        return System.nanoTime() - deadlineNanos < 0;
    }

    /**
     * Throws unless the batch may still publish.
     *
     * @throws LeaseExpiredException when this JVM outlived the batch's deadline
     */
    public void check() {
        if (!open()) {
            throw new LeaseExpiredException(
                    "the lease on partitions "
                            + new java.util.TreeSet<>(partitions())
                            + " may pass to another node before this batch's broker commit: "
                            + "nothing more is published; the rows stay pending");
        }
    }
}
