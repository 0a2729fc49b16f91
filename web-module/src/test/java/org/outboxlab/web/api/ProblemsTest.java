package org.outboxlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.ProblemType;

class ProblemsTest {

    @Test
    void aCommittedButUnsentWriteSaysSoInAMemberAndByItsType() {
        JsonObject problem =
                Problems.committedButUnsentDocument(
                        "o-1", "e-1", "order o-1 committed but its event e-1 was not");
        assertEquals(503, problem.getInt("status"));
        assertEquals(ProblemType.COMMITTED_BUT_UNSENT.uri(), problem.getString("type"));
        assertEquals("order o-1 committed but its event e-1 was not", problem.getString("detail"));
        assertTrue(problem.getBoolean(Problems.COMMITTED));
        assertEquals("o-1", problem.getString(Problems.ORDER_ID), "the order to look up");
        assertEquals("e-1", problem.getString(Problems.EVENT_ID), "the event that was lost");
        assertEquals(0, ProblemType.COMMITTED_BUT_UNSENT.retryAfterSeconds(), "never retried");
    }

    @Test
    void anyOtherProblemHasNoCommittedMember() {
        JsonObject problem =
                Problems.document(
                        ProblemType.BROKER_UNAVAILABLE,
                        null,
                        "the message broker is unavailable; nothing was written");
        assertEquals("Broker unavailable", problem.getString("title"));
        assertEquals("/outbox/problems.html#broker-unavailable", problem.getString("type"));
        assertFalse(problem.containsKey(Problems.COMMITTED));
        assertFalse(problem.containsKey(Problems.ORDER_ID));
    }

    @Test
    void aStatusWithoutATypeIsAboutBlankTitledByItsReasonPhrase() {
        assertEquals("about:blank", Problems.blank(415, null, "x").getString("type"));
        assertEquals("Unsupported Media Type", Problems.blank(415, null, "x").getString("title"));
        assertEquals("Unprocessable Content", Problems.blank(422, null, "x").getString("title"));
        assertEquals(ProblemType.NOT_FOUND, ProblemType.generalFor(404).orElseThrow());
        assertTrue(ProblemType.generalFor(415).isEmpty());
    }

    /** Each type URI names a section of the page the server serves, and the page no other. */
    @Test
    void everyTypeIsDescribedOnTheProblemsPage() throws IOException {
        String page = Files.readString(Path.of("src/main/webapp/problems.html"));
        Set<String> sections = ids(page);
        Set<String> types =
                Arrays.stream(ProblemType.values())
                        .map(ProblemType::id)
                        .collect(Collectors.toSet());
        assertEquals(types, sections);
        for (ProblemType type : ProblemType.values()) {
            assertTrue(type.uri().startsWith(ProblemType.DOCUMENT + "#"), type.uri());
            assertTrue(
                    page.contains(type.id() + " (" + type.status()),
                    type + ": its status on the page");
        }
    }

    private static Set<String> ids(String html) {
        Matcher m = Pattern.compile("<dt id=\"([a-z-]+)\"").matcher(html);
        Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
