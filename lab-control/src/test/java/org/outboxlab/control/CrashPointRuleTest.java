package org.outboxlab.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.byteman.agent.RuleScript;
import org.jboss.byteman.agent.ScriptRepository;
import org.jboss.byteman.rule.grammar.ECAGrammarParser;
import org.jboss.byteman.rule.grammar.ECATokenLexer;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.CrashPoint;

/**
 * The lab's Byteman rules parse (the agent drops a rule it cannot parse without a word, so a typo
 * would leave a fault point that is never reached), and each prints the line the lab reads before
 * it halts or freezes the JVM, to tell that from any other exit or stop. Shown to fail with a
 * rule's line mistyped, and with a method called on a {@code new} expression (which Byteman cannot
 * parse).
 */
class CrashPointRuleTest {

    private static final String RULES = "crash-points.btm";

    @Test
    void everyRuleParses() throws Exception {
        List<RuleScript> scripts = new ScriptRepository(false).processScripts(rules(), RULES);
        assertEquals(5, scripts.size(), "rules in " + RULES);
        for (RuleScript script : scripts) {
            // what the agent does with a rule's BIND, IF and DO before it injects it
            ECAGrammarParser parser =
                    new ECAGrammarParser(new ECATokenLexer(new StringReader(script.getRuleText())));
            parser.setFile(RULES);
            try {
                parser.parse();
            } catch (Exception unrecovered) {
                // counted below
            }
            assertEquals(0, parser.getErrorCount(), script.getName() + ": " + parser.getErrors());
        }
    }

    @Test
    void theXaRulePrintsTheReachedLineBeforeHalting() throws IOException {
        String rules = rules();
        String line = CrashPoint.XA_AFTER_PREPARE.reachedLine();
        int printed = rules.indexOf("traceln(\"" + line + "\")");
        assertTrue(printed > 0, "the rule prints " + line);
        assertTrue(rules.indexOf("killJVM()", printed) > printed, "and halts after printing it");
    }

    @Test
    void eachPauseRuleIsArmedByItsFileAndPrintsItsLineBeforeFreezing() throws IOException {
        String rules = rules();
        for (PausePoint point : PausePoint.values()) {
            int armed = rules.indexOf("\"" + point.armingFile() + "\")");
            assertTrue(armed > 0, point + " armed by " + point.armingFile());
            int printed = rules.indexOf("traceln(\"" + point.reachedLine() + "\")", armed);
            assertTrue(printed > armed, point + ": the rule prints " + point.reachedLine());
            int frozen = rules.indexOf("kill -STOP ", printed);
            assertTrue(
                    frozen > printed && frozen < rules.indexOf("ENDRULE", printed),
                    point + ": and freezes after printing it");
        }
    }

    @Test
    void theHoldRuleIsArmedByItsFileAndPrintsItsLineBeforeHoldingForItsTime() throws IOException {
        String rules = rules();
        int armed = rules.indexOf("\"" + PhaseTwoHold.ARMING_FILE + "\")");
        assertTrue(armed > 0, "armed by " + PhaseTwoHold.ARMING_FILE);
        int printed = rules.indexOf("traceln(\"" + PhaseTwoHold.reachedLine() + "\")", armed);
        assertTrue(printed > armed, "the rule prints " + PhaseTwoHold.reachedLine());
        int held = rules.indexOf("Thread.sleep(" + PhaseTwoHold.HOLD.toMillis() + "L)", printed);
        assertTrue(
                held > printed && held < rules.indexOf("ENDRULE", printed),
                "and holds the thread for PhaseTwoHold.HOLD after printing it");
    }

    private String rules() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(RULES)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
