package org.outboxlab.cluster;

import java.util.Set;

/**
 * What the last heartbeat found: the partitions this node held a lease on, whether the cluster's
 * relay is switched off, and which nodes relay.
 *
 * @param node this node
 * @param partitions the partitions whose lease this node held after the heartbeat
 * @param clusterPaused the cluster's relay switch was off
 * @param liveNodes the nodes with a recent heartbeat that take partitions
 */
public record Ownership(
        String node, Set<Integer> partitions, boolean clusterPaused, Set<String> liveNodes) {

    public Ownership {
        partitions = Set.copyOf(partitions);
        liveNodes = Set.copyOf(liveNodes);
    }

    /** Before the first heartbeat: nothing held. */
    static Ownership none(String node) {
        return new Ownership(node, Set.of(), false, Set.of());
    }
}
