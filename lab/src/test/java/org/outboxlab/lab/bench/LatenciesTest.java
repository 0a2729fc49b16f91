package org.outboxlab.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesUseTheNearestRank() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(ms * 1_000_000L);
        }
        assertEquals(100, latencies.count());
        assertEquals(50.0, latencies.percentileMs(50));
        assertEquals(99.0, latencies.percentileMs(99));
        assertEquals(100.0, latencies.percentileMs(100));
        assertEquals(1.0, latencies.percentileMs(0));
    }

    @Test
    void emptyIsNotANumber() {
        assertTrue(Double.isNaN(new Latencies().percentileMs(50)));
    }
}
