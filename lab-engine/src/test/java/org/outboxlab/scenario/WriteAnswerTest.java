package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WriteAnswerTest {

    private static final String COMMITTED =
            "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"order o1 committed but its event was not sent\",\"committed\":true}";
    private static final String OLD_TEXT =
            "{\"status\":503,\"detail\":\"order o1 committed but its event was not sent\"}";
    private static final String REFUSAL =
            "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"the database is unavailable; try again later\"}";

    /**
     * Shown to fail with the old rules: the words "committed but" made a committed-unsent answer,
     * and a 500 or 409 was a refusal.
     */
    @Test
    void aCommittedUnsentAnswerIsTheProblemsMemberOnlyForTheModeThatCommitsUnsent() {
        assertEquals(Outcome.COMMITTED_UNSENT, WriteAnswer.outcome("NAIVE", 503, COMMITTED));
        assertEquals(
                Outcome.REFUSED,
                WriteAnswer.outcome("NAIVE", 503, OLD_TEXT),
                "the text alone no longer says committed");
        assertEquals(
                Outcome.REFUSED,
                WriteAnswer.outcome(
                        "NAIVE", 503, "{\"status\":503,\"detail\":\"\",\"committed\":false}"));
        assertEquals(
                Outcome.ERROR,
                WriteAnswer.outcome("XA", 503, COMMITTED),
                "XA never commits unsent: a problem saying so is wrong");
        assertEquals(Outcome.ACCEPTED, WriteAnswer.outcome("NAIVE", 201, "{}"));
    }

    @Test
    void aRefusalIsA503WithTheDocumentedProblemAndAnythingElseAnError() {
        for (String mode : new String[] {"OUTBOX", "XA", "NAIVE"}) {
            assertEquals(Outcome.REFUSED, WriteAnswer.outcome(mode, 503, REFUSAL), mode);
            assertEquals(
                    Outcome.ERROR,
                    WriteAnswer.outcome(
                            mode,
                            500,
                            "{\"status\":500,\"detail\":\"internal error; see the server log\"}"),
                    mode);
            assertEquals(
                    Outcome.ERROR,
                    WriteAnswer.outcome(
                            mode,
                            409,
                            "{\"status\":409,\"detail\":\"short stock\",\"field\":\"lines\"}"),
                    mode);
            assertEquals(Outcome.ERROR, WriteAnswer.outcome(mode, 500, ""), mode);
            assertEquals(
                    Outcome.UNAVAILABLE,
                    WriteAnswer.outcome(mode, 503, "<html>Service Unavailable</html>"),
                    mode + ": WildFly's own 503, no application behind it");
            assertEquals(Outcome.UNAVAILABLE, WriteAnswer.outcome(mode, 404, ""), mode);
        }
    }

    @Test
    void readsTheOrderIdIfThereIsOne() {
        assertEquals("o1", WriteAnswer.orderId("{\"orderId\":\"o1\"}"));
        assertNull(WriteAnswer.orderId("not json"));
    }
}
