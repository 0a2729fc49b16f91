package org.outboxlab.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelayOutageTest {

    @Test
    void backOffGrowsExponentiallyUpToTheBoundAndEndsOnRecovery() {
        RelayOutage outage = new RelayOutage();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertTrue(outage.mayTry(t));
        long[] expectedDelays = {100, 200, 400, 800, 1000, 1000};
        for (long delay : expectedDelays) {
            outage.failed(t, "down", 100, 1000);
            assertTrue(outage.ongoing());
            assertFalse(outage.mayTry(t.plusMillis(delay - 1)), "still backing off before " + delay + " ms");
            assertTrue(outage.mayTry(t.plusMillis(delay)), "may try again after " + delay + " ms");
            t = t.plusMillis(delay);
        }
        outage.recovered(t);
        assertFalse(outage.ongoing());
        assertTrue(outage.mayTry(t));
    }

    @Test
    void aDatabaseOutageEndsWhenTheDatabaseAnswersElsewhereABrokerOutageDoesNot() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        RelayOutage database = new RelayOutage();
        database.failed(t, null, 100, 15_000);
        assertTrue(database.ongoing());
        assertFalse(database.brokerDown());
        database.databaseReached();
        assertFalse(database.ongoing());
        assertTrue(database.mayTry(t));

        RelayOutage broker = new RelayOutage();
        broker.failed(t, "broker down", 100, 15_000);
        broker.databaseReached();
        assertTrue(broker.brokerDown(), "an order's commit says nothing of the broker");
        assertFalse(broker.mayTry(t.plusMillis(50)));
    }
}
