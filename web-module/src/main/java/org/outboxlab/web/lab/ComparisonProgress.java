package org.outboxlab.web.lab;

import java.time.Instant;
import java.util.List;

/**
 * What the console's comparison runner is doing, as of one moment: nothing yet, running, finished
 * (its report written) or failed (with the error), with the progress lines of the latest run.
 *
 * @param report the report's directory name under the results directory; {@code null} before one is
 *     known
 */
public record ComparisonProgress(
        State state,
        String startedBy,
        Instant startedAt,
        Instant endedAt,
        String request,
        String report,
        List<String> lines,
        String error) {

    /** Where the runner is. */
    public enum State {
        IDLE,
        RUNNING,
        FINISHED,
        FAILED
    }

    static final ComparisonProgress IDLE =
            new ComparisonProgress(State.IDLE, null, null, null, null, null, List.of(), null);

    public boolean running() {
        return state == State.RUNNING;
    }
}
