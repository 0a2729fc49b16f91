package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WriteAnswerTest {

    private static final String COMMITTED =
            "{\"type\":\"/outbox/problems.html#committed-but-unsent\",\"title\":\"Order committed, event not sent\","
                    + "\"status\":503,\"detail\":\"order o1 committed but its event was not sent\",\"committed\":true}";
    private static final String OLD_TEXT =
            "{\"status\":503,\"detail\":\"order o1 committed but its event was not sent\"}";
    private static final String REFUSAL =
            "{\"type\":\"/outbox/problems.html#database-unavailable\",\"title\":\"Database unavailable\",\"status\":503,"
                    + "\"detail\":\"the database is unavailable; try again later\"}";

    /**
     * Shown to fail with the old rules: the words "committed but" made a committed-unsent answer,
     * and a 500 or 409 was a refusal.
     */
    @Test
    void aCommittedUnsentAnswerIsTheProblemsMemberOnlyForTheModeThatCommitsUnsent() {
        assertEquals(Outcome.COMMITTED_UNSENT, WriteAnswer.outcome("NAIVE", 503, COMMITTED));
        assertEquals(
                Outcome.ERROR,
                WriteAnswer.outcome("NAIVE", 503, OLD_TEXT),
                "the text alone says nothing: no documented type");
        assertEquals(
                Outcome.ERROR,
                WriteAnswer.outcome(
                        "NAIVE",
                        503,
                        COMMITTED.replace("committed-but-unsent", "database-unavailable")),
                "a refusal that says it committed contradicts itself");
        assertEquals(
                Outcome.ERROR,
                WriteAnswer.outcome("XA", 503, COMMITTED),
                "XA never commits unsent: a problem saying so is wrong");
        assertEquals(Outcome.ACCEPTED, WriteAnswer.outcome("NAIVE", 201, "{}"));
    }

    /** Shown to fail with the old rule (any 503 problem without "committed" was a refusal). */
    @Test
    void aRefusalIsA503WithTheDocumentedProblemAndAnythingElseAnError() {
        for (String mode : new String[] {"OUTBOX", "XA", "NAIVE"}) {
            assertEquals(Outcome.REFUSED, WriteAnswer.outcome(mode, 503, REFUSAL), mode);
            assertEquals(
                    Outcome.REFUSED,
                    WriteAnswer.outcome(
                            mode,
                            503,
                            REFUSAL.replace("database-unavailable", "broker-unavailable")),
                    mode);
            assertEquals(
                    Outcome.ERROR,
                    WriteAnswer.outcome(
                            mode,
                            503,
                            REFUSAL.replace(
                                    "/outbox/problems.html#database-unavailable", "about:blank")),
                    mode + ": a 503 problem of no documented refusal type");
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
    void aCommitWhoseOutcomeTheServerCannotKnowIsIndeterminate() {
        assertEquals(
                Outcome.INDETERMINATE,
                WriteAnswer.outcome(
                        "OUTBOX",
                        503,
                        REFUSAL.replace("database-unavailable", "commit-outcome-unknown")));
    }

    @Test
    void namesTheProblemTypeOfAnAnswerThatHasOne() {
        assertEquals("committed-but-unsent", WriteAnswer.problemType(COMMITTED));
        assertEquals("about:blank", WriteAnswer.problemType(OLD_TEXT));
        assertNull(WriteAnswer.problemType("<html>Internal Server Error</html>"));
    }

    @Test
    void readsTheOrderIdIfThereIsOne() {
        assertEquals("o1", WriteAnswer.orderId("{\"orderId\":\"o1\"}"));
        assertNull(WriteAnswer.orderId("not json"));
    }
}
