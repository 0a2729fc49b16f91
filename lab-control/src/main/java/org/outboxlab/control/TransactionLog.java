package org.outboxlab.control;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Narayana's log store on a running WildFly, read through the management model: after a probe,
 * every participant whose status is heuristic is counted. Reads only; recovery is left alone.
 */
final class TransactionLog {

    private static final Pattern HEURISTIC = Pattern.compile("\"status\" => \"HEURISTIC");
    private static final Pattern SUCCESS = Pattern.compile("\"outcome\" => \"success\"");

    private TransactionLog() {}

    /** Heuristic participants in the log store, through {@code cli} (commands in, output out). */
    static long heuristics(UnaryOperator<String> cli) {
        cli.apply("/subsystem=transactions/log-store=log-store:probe()");
        return heuristicsIn(
                cli.apply(
                        "/subsystem=transactions/log-store=log-store:read-children-resources("
                                + "child-type=transactions,recursive=true)"));
    }

    /**
     * Participants in a heuristic state in the CLI's output of the log store's transactions; an
     * output that does not report success is refused, never read as none.
     */
    static long heuristicsIn(String cliOutput) {
        if (!SUCCESS.matcher(cliOutput).find()) {
            throw new IllegalStateException(
                    "the transaction log could not be read: " + cliOutput.strip());
        }
        Matcher m = HEURISTIC.matcher(cliOutput);
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
