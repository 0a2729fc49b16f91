package org.outboxlab.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void keepsAValidTraceParentAndReplacesAnInvalidOne() {
        assertEquals(VALID, TraceParent.orNew(VALID));
        for (String bad :
                new String[] {null, "", "garbage", VALID.toUpperCase(), VALID + "<script>"}) {
            String fresh = TraceParent.orNew(bad);
            assertNotEquals(bad, fresh);
            assertTrue(fresh.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), fresh);
        }
    }
}
