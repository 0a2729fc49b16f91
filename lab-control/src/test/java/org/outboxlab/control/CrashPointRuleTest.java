package org.outboxlab.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.CrashPoint;

/**
 * The Byteman rule halts the JVM at {@code xa-after-prepare} only after printing the line the lab
 * reads to tell that halt from any other exit. Shown to fail with the rule's line mistyped.
 */
class CrashPointRuleTest {

    @Test
    void theXaRulePrintsTheReachedLineBeforeHalting() throws IOException {
        String rules;
        try (InputStream in = getClass().getResourceAsStream("crash-points.btm")) {
            rules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String line = CrashPoint.XA_AFTER_PREPARE.reachedLine();
        int printed = rules.indexOf("traceln(\"" + line + "\")");
        assertTrue(printed > 0, "the rule prints " + line);
        assertTrue(rules.indexOf("killJVM()", printed) > printed, "and halts after printing it");
    }
}
