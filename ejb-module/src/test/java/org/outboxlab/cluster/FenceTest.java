package org.outboxlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FenceTest {

    @Test
    void aFenceGivesEachHeldPartitionsEpochAndClosesAtItsDeadline() {
        Fence open = new Fence(Map.of(3, 7L, 5, 2L), System.nanoTime() + 60_000_000_000L);
        assertEquals(Set.of(3, 5), open.partitions());
        assertEquals(7L, open.epochOf(3));
        assertThrows(IllegalArgumentException.class, () -> open.epochOf(4));
        assertTrue(open.open());
        open.check();

        Fence closed = new Fence(Map.of(3, 7L), System.nanoTime() - 1);
        assertFalse(closed.open());
        assertThrows(LeaseExpiredException.class, closed::check);
    }

    @Test
    void lanesShareTheHeldPartitionsDisjointlyWithTheirEpochsAndDeadline() {
        // the partitions a node holds with two nodes: every other one
        Map<Integer, Long> held = new HashMap<>();
        for (int p = 0; p < 64; p += 2) {
            held.put(p, 10L + p);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        Fence fence = new Fence(held, deadline);
        Fence first = fence.lane(0, 2);
        Fence second = fence.lane(1, 2);
        assertEquals(16, first.partitions().size());
        assertEquals(16, second.partitions().size());
        assertTrue(first.partitions().containsAll(Set.of(0, 4, 8, 60)));
        assertTrue(second.partitions().containsAll(Set.of(2, 6, 10, 62)));
        Set<Integer> union = new HashSet<>(first.partitions());
        union.addAll(second.partitions());
        assertEquals(held.keySet(), union);
        assertEquals(16L, second.epochOf(6));
        assertThrows(IllegalArgumentException.class, () -> second.epochOf(4));
        assertEquals(deadline, first.deadlineNanos());
        assertEquals(fence, fence.lane(0, 1));

        Fence three = new Fence(Map.of(1, 1L, 2, 2L), deadline);
        assertEquals(Set.of(1), three.lane(0, 3).partitions());
        assertEquals(Set.of(2), three.lane(1, 3).partitions());
        assertTrue(three.lane(2, 3).empty());
    }
}
