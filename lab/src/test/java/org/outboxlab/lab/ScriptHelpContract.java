package org.outboxlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a lab script with a picocli command promises its user: {@code lab/NAME.sh} answers {@code
 * --help} and an unknown option from {@code lab/help/NAME.txt} before it builds anything, and that
 * file is the command's own usage, so it cannot go stale. A subclass names the script and gives the
 * command's usage.
 */
public abstract class ScriptHelpContract {

    /** The script's name: {@code lab/NAME.sh}, {@code lab/help/NAME.txt}. */
    protected abstract String name();

    /** The command's usage as picocli prints it. */
    protected abstract String usage();

    @Test
    public void theHelpFileIsTheCommandsOwnUsage() throws Exception {
        assertEquals(
                usage(),
                Files.readString(LabScripts.root().resolve("lab/help/" + name() + ".txt")),
                "lab/help/" + name() + ".txt differs from the usage: write the new usage into it");
    }

    @Test
    public void theScriptAnswersHelpAndAnUnknownOptionBeforeAnyBuild() throws Exception {
        String script = "lab/" + name() + ".sh";
        LabScripts.Run help = LabScripts.bash(script, "--seconds", "5", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertEquals(usage(), help.out());

        LabScripts.Run bad = LabScripts.bash(script, "--seconds=5", "--no-such-option=1");
        assertEquals(2, bad.exitCode(), bad.out() + bad.err());
        assertTrue(bad.err().contains("unknown option --no-such-option"), bad.err());
        assertFalse(bad.out().contains("building"), "nothing was built: " + bad.out());
    }

    @Test
    public void everyOptionTheUsageListsPassesTheScriptsNameCheck() throws Exception {
        List<String> args = new ArrayList<>();
        args.add("source lab/help/options.sh; check_options " + name() + " \"$@\"; echo passed");
        args.add("check");
        for (String option : LabScripts.optionNames(usage())) {
            args.add(option + "=1");
        }
        assertTrue(args.size() > 6, "options found in the usage: " + args);
        LabScripts.Run run = LabScripts.bash("-c", args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("passed\n", run.out(), run.err());
    }
}
