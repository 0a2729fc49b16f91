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
            outage.failed(t, RelayOutage.Cause.BROKER, "down", 100, 1000);
            assertTrue(outage.ongoing());
            assertFalse(
                    outage.mayTry(t.plusMillis(delay - 1)),
                    "still backing off before " + delay + " ms");
            assertTrue(outage.mayTry(t.plusMillis(delay)), "may try again after " + delay + " ms");
            t = t.plusMillis(delay);
        }
        outage.recovered(t);
        assertFalse(outage.ongoing());
        assertTrue(outage.mayTry(t));
    }

    @Test
    void theLanesFailingInOneRoundBackOffOnceNotTwice() {
        RelayOutage outage = new RelayOutage();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        outage.failed(t, RelayOutage.Cause.BROKER, "down", 100, 1000); // lane 0
        outage.failed(t.plusMillis(5), RelayOutage.Cause.BROKER, "down", 100, 1000); // lane 1
        assertTrue(outage.mayTry(t.plusMillis(100)), "one failure's back-off: 100 ms");
        outage.failed(t.plusMillis(100), RelayOutage.Cause.BROKER, "down", 100, 1000);
        assertFalse(outage.mayTry(t.plusMillis(299)));
        assertTrue(outage.mayTry(t.plusMillis(300)), "the second round doubles it: 200 ms");
    }

    @Test
    void aDatabaseOutageEndsWhenTheDatabaseAnswersElsewhereABrokerOutageDoesNot() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        RelayOutage database = new RelayOutage();
        database.failed(t, RelayOutage.Cause.DATABASE, null, 100, 15_000);
        assertTrue(database.ongoing());
        assertFalse(database.brokerDown());
        database.databaseReached();
        assertFalse(database.ongoing());
        assertTrue(database.mayTry(t));

        RelayOutage broker = new RelayOutage();
        broker.failed(t, RelayOutage.Cause.BROKER, "broker down", 100, 15_000);
        broker.databaseReached();
        assertTrue(broker.brokerDown(), "an order's commit says nothing of the broker");
        assertFalse(broker.mayTry(t.plusMillis(50)));
    }

    @Test
    void aMissingRouteIsNotEndedByAnOrderCommitAndABrokerFailureAfterADatabaseOneIsABrokerOutage() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        RelayOutage route = new RelayOutage();
        route.failed(t, RelayOutage.Cause.ROUTE, null, 100, 15_000);
        route.databaseReached();
        assertTrue(route.ongoing(), "an order's commit says nothing of the broker's routes");
        assertFalse(route.mayTry(t.plusMillis(50)));

        RelayOutage both = new RelayOutage();
        both.failed(t, RelayOutage.Cause.DATABASE, null, 100, 15_000);
        both.failed(t.plusMillis(100), RelayOutage.Cause.BROKER, "broker down", 100, 15_000);
        assertTrue(both.brokerDown(), "the relay now waits for the broker");
        both.databaseReached();
        assertTrue(both.ongoing(), "the database answering does not end a broker outage");
    }
}
