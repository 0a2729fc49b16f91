package org.outboxlab.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreVersion7AndStrictlyIncreasingAsText() {
        String previous = EventIds.next();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            String id = EventIds.next();
            assertTrue(id.compareTo(previous) > 0, id + " after " + previous);
            assertEquals(7, UUID.fromString(id).version());
            assertEquals(2, UUID.fromString(id).variant());
            assertTrue(seen.add(id));
            previous = id;
        }
    }

    @Test
    void idCarriesItsCreationTime() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(EventIds.next());
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(
                millis >= before && millis <= System.currentTimeMillis() + 1000,
                "timestamp " + millis);
    }

    @Test
    void createdAtReadsTheTimeBackAndOrdersWithLowestAt() {
        java.time.Instant before = java.time.Instant.now().minusMillis(1);
        String id = EventIds.next();
        java.time.Instant created = EventIds.createdAt(id);
        assertTrue(
                !created.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                        && !created.isAfter(java.time.Instant.now().plusSeconds(1)),
                "created " + created + " after " + before);
        assertEquals(
                java.time.Instant.parse("2026-12-02T15:00:00.123Z"),
                EventIds.createdAt(
                        EventIds.lowestAt(java.time.Instant.parse("2026-12-02T15:00:00.123Z"))));
        assertTrue(EventIds.lowestAt(created).compareTo(id) <= 0, "lowestAt sorts first");
    }
}
