package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.ConsumerName;

/**
 * Settling waits until a run is complete, or until nothing has changed for a whole window with
 * nothing pending; a run that keeps a pending event never settles; and the audit's latency
 * percentiles are nearest-rank.
 */
class SettlingTest {

    private static final List<String> TAGS = List.of(LabDatabase.TAG);

    private LabDatabase lab;

    @BeforeEach
    void schema() throws SQLException {
        lab = new LabDatabase();
        lab.order("o1", "c1");
    }

    @AfterEach
    void close() throws SQLException {
        lab.close();
    }

    @Test
    void aCompleteRunSettlesWithoutWaitingOutTheWindow() throws Exception {
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.appliedEverywhere("e1", "o1", 1, 100);

        long started = System.nanoTime();
        assertTrue(Settling.await(lab.db, TAGS, Duration.ofSeconds(30), Duration.ofSeconds(10)));
        assertTrue(
                System.nanoTime() - started < Duration.ofSeconds(5).toNanos(),
                "settled at once, not after the 30 s window");
    }

    @Test
    void aRunWithALostEventSettlesOnceNothingChangesForAWindow() throws Exception {
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.applied(ConsumerName.FULFILMENT, "e1", "o1", 1, 100);

        assertTrue(Settling.await(lab.db, TAGS, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    }

    @Test
    void aRunWithAPendingEventNeverSettles() throws Exception {
        lab.event("e1", "o1", "OrderPlaced", 0, "PENDING");

        assertFalse(Settling.await(lab.db, TAGS, Duration.ofMillis(500), Duration.ofSeconds(2)));
    }

    @Test
    void percentilesAreNearestRank() {
        assertEquals(20, Audit.percentile(List.of(10L, 20L, 30L, 40L), 0.50));
        assertEquals(40, Audit.percentile(List.of(10L, 20L, 30L, 40L), 0.99));
        assertEquals(10, Audit.percentile(List.of(10L, 20L, 30L, 40L), 0.01));
        assertEquals(0, Audit.percentile(List.of(), 0.95));
        List<Long> hundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();
        assertEquals(95, Audit.percentile(hundred, 0.95));
        assertEquals(99, Audit.percentile(hundred, 0.99));
    }
}
