package org.outboxlab.cluster;

import java.util.Set;

/**
 * The partitions one relay batch may publish, and until when by this JVM's clock: a lease's length
 * from the moment the batch read its leases. A batch whose JVM stalled past that (a long GC, a
 * SIGSTOP) publishes nothing more, even if its database session survived, because another node may
 * own the partitions by now.
 *
 * @param partitions the partitions whose lease the batch holds (shared lock) in its transaction
 * @param deadlineNanos {@link System#nanoTime()} after which the batch must not publish
 */
public record Fence(Set<Integer> partitions, long deadlineNanos) {

    public Fence {
        partitions = Set.copyOf(partitions);
    }

    /** Nothing to publish: no lease held, or the cluster's relay is switched off. */
    public boolean empty() {
        return partitions.isEmpty();
    }

    /** The batch may still publish. */
    public boolean open() {
        return System.nanoTime() - deadlineNanos < 0;
    }

    /**
     * Throws unless the batch may still publish.
     *
     * @throws LeaseExpiredException when this JVM outlived the batch's lease
     */
    public void check() {
        if (!open()) {
            throw new LeaseExpiredException(
                    "the lease on partitions "
                            + partitions
                            + " may have passed to another node while this batch ran: "
                            + "nothing more is published; the rows stay pending");
        }
    }
}
