package org.outboxlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
