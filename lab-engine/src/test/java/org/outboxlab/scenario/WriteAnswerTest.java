package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WriteAnswerTest {

    private static final String COMMITTED =
            "{\"title\":\"event not sent\",\"status\":503,\"committed\":true}";
    private static final String OLD_TEXT =
            "{\"status\":503,\"detail\":\"order o1 committed but its event was not sent\"}";

    @Test
    void aCommittedUnsentAnswerCountsOnlyForTheModeThatCommitsUnsent() {
        assertEquals(Outcome.COMMITTED_UNSENT, WriteAnswer.outcome("NAIVE", 503, COMMITTED));
        assertEquals(Outcome.COMMITTED_UNSENT, WriteAnswer.outcome("NAIVE", 503, OLD_TEXT));
        assertEquals(
                Outcome.REFUSED,
                WriteAnswer.outcome("NAIVE", 503, "{\"status\":503,\"committed\":false}"));
        assertEquals(Outcome.REFUSED, WriteAnswer.outcome("XA", 503, COMMITTED));
        assertEquals(Outcome.REFUSED, WriteAnswer.outcome("NAIVE", 500, COMMITTED));
        assertEquals(Outcome.ACCEPTED, WriteAnswer.outcome("NAIVE", 201, "{}"));
    }

    @Test
    void readsTheOrderIdIfThereIsOne() {
        assertEquals("o1", WriteAnswer.orderId("{\"orderId\":\"o1\"}"));
        assertNull(WriteAnswer.orderId("not json"));
    }
}
