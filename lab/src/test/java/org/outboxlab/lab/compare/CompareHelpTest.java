package org.outboxlab.lab.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outboxlab.lab.LabScripts;

/**
 * {@code lab/compare.sh} answers {@code --help} and an unknown option from lab/help/compare.txt
 * before it builds anything, and that file is the command's own usage, so it cannot go stale.
 */
class CompareHelpTest {

    @Test
    void theHelpFileIsTheCommandsOwnUsage() throws Exception {
        assertEquals(
                ComparisonOptions.usage(),
                Files.readString(LabScripts.root().resolve("lab/help/compare.txt")),
                "lab/help/compare.txt differs from the usage: write the new usage into it");
    }

    @Test
    void theScriptAnswersHelpAndAnUnknownOptionBeforeAnyBuild() throws Exception {
        LabScripts.Run help = LabScripts.bash("lab/compare.sh", "--seconds", "5", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertEquals(ComparisonOptions.usage(), help.out());

        LabScripts.Run bad = LabScripts.bash("lab/compare.sh", "--seconds=5", "--no-such-option=1");
        assertEquals(2, bad.exitCode(), bad.out() + bad.err());
        assertTrue(bad.err().contains("unknown option --no-such-option"), bad.err());
        assertFalse(bad.out().contains("building"), "nothing was built: " + bad.out());
    }

    @Test
    void everyOptionTheUsageListsPassesTheScriptsNameCheck() throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-c",
                                "source lab/help/options.sh; check_options compare \"$@\"; echo passed",
                                "check"));
        for (String option : LabScripts.optionNames(ComparisonOptions.usage())) {
            args.add(option + "=1");
        }
        assertTrue(args.size() > 6, "options found in the usage: " + args);
        LabScripts.Run run =
                LabScripts.bash(args.get(0), args.subList(1, args.size()).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("passed\n", run.out(), run.err());
    }
}
