package org.outboxlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aCommittedButUnsentWriteSaysSoInAMember() {
        JsonObject problem =
                Problems.committedButUnsentDocument(
                        "order o-1 committed but its event e-1 was not");
        assertEquals(503, problem.getInt("status"));
        assertEquals("order o-1 committed but its event e-1 was not", problem.getString("detail"));
        assertTrue(problem.getBoolean(Problems.COMMITTED));
    }

    @Test
    void anyOtherProblemHasNoCommittedMember() {
        JsonObject problem =
                Problems.document(
                        503, null, "the message broker is unavailable; nothing was written");
        assertEquals("Service Unavailable", problem.getString("title"));
        assertFalse(problem.containsKey(Problems.COMMITTED));
    }
}
