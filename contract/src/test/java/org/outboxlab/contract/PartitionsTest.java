package org.outboxlab.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every partition has exactly one node among the live ones, spread evenly; orders stay put. */
class PartitionsTest {

    @Test
    void eachPartitionGoesToExactlyOneLiveNodeAndTheSplitIsEven() {
        for (Set<String> nodes :
                Set.of(Set.of("node-1"), Set.of("node-1", "node-2"), Set.of("a", "b", "c"))) {
            Set<Integer> seen = new TreeSet<>();
            for (String node : nodes) {
                Set<Integer> mine = Partitions.assignedTo(node, nodes);
                int even = Partitions.COUNT / nodes.size();
                assertTrue(
                        mine.size() == even || mine.size() == even + 1,
                        node + " of " + nodes + " got " + mine.size());
                for (int p : mine) {
                    assertTrue(seen.add(p), "partition " + p + " given twice in " + nodes);
                }
            }
            assertEquals(Partitions.COUNT, seen.size(), "every partition owned in " + nodes);
        }
    }

    @Test
    void aNodeThatIsNotLiveGetsNothing() {
        assertTrue(Partitions.assignedTo("node-3", Set.of("node-1", "node-2")).isEmpty());
    }

    @Test
    void anOrderAlwaysFallsInTheSamePartitionWithinRange() {
        String order = "3f1c2a8e-0000-4000-8000-000000000001";
        // computed independently: String.hashCode() of the order id, mod 64, never negative
        int hash = 0;
        for (char c : order.toCharArray()) {
            hash = 31 * hash + c;
        }
        assertEquals(Math.floorMod(hash, 64), Partitions.of(order));
        assertEquals(64, Partitions.COUNT, "the partition count is part of the stored rows");
        String negative = "order-0"; // hashCode() -1207111311: floorMod 49, abs % 64 gives 15
        assertTrue(negative.hashCode() < 0, "a negative hash to cover floorMod");
        assertEquals(49, Partitions.of(negative));
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            int p = Partitions.of(UUID.randomUUID().toString());
            assertTrue(p >= 0 && p < Partitions.COUNT, "partition " + p);
            used.add(p);
        }
        assertEquals(Partitions.COUNT, used.size(), "random orders reach every partition");
    }
}
