package org.outboxlab.web.lab;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where comparison reports live: the system property {@code outbox.lab.results-dir}, else the
 * environment variable {@code OUTBOX_LAB_RESULTS_DIR}; read afresh on every call.
 */
public final class ResultsDirectory {

    public static final String PROPERTY = "outbox.lab.results-dir";
    public static final String VARIABLE = "OUTBOX_LAB_RESULTS_DIR";

    private ResultsDirectory() {}

    /** The configured directory, if one is set. */
    public static Optional<Path> configured() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(VARIABLE);
        }
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.strip()));
    }
}
