package org.outboxlab.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The relay's partitions: the order-id space split into a fixed number of parts, so that all events
 * of one order fall in one partition, and each partition is drained by one node at a time. The
 * count is fixed for the life of a database: the partition is stored with each outbox row.
 */
public final class Partitions {

    /** How many partitions there are; enough to spread over a few dozen nodes evenly. */
    public static final int COUNT = 64;

    private Partitions() {}

    /** The partition of an order: stable across JVMs and versions ({@link String#hashCode()}). */
    public static int of(String aggregateId) {
        return Math.floorMod(aggregateId.hashCode(), COUNT);
    }

    /**
     * The partitions {@code node} should drain when {@code liveNodes} relay: partition {@code p}
     * goes to the {@code p mod n}-th node in name order, so each of {@code n} nodes gets {@code
     * COUNT / n} partitions, give or take one. Empty when {@code node} is not among them.
     */
    public static Set<Integer> assignedTo(String node, Set<String> liveNodes) {
        List<String> nodes = new ArrayList<>(new TreeSet<>(liveNodes));
        int index = nodes.indexOf(node);
        Set<Integer> partitions = new TreeSet<>();
        if (index < 0) {
            return partitions;
        }
        for (int p = index; p < COUNT; p += nodes.size()) {
            partitions.add(p);
        }
        return partitions;
    }
}
