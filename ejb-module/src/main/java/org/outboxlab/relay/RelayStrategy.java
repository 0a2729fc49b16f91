package org.outboxlab.relay;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How committed outbox rows are found: by polling the table ({@link #POLLING}) or by reading
 * PostgreSQL's write-ahead log through a logical replication slot ({@link #LOG_TAILING}), with the
 * polling relay kept on as a slow sweeper of rows older than a bound.
 */
public enum RelayStrategy {
    POLLING("polling"),
    LOG_TAILING("log-tailing");

    private final String id;

    RelayStrategy(String id) {
        this.id = id;
    }

    /** The value of {@code outbox.relay.strategy} and of the lab's reports. */
    public String id() {
        return id;
    }

    /**
     * The strategy named {@code value}.
     *
     * @throws IllegalArgumentException naming the accepted values, for any other
     */
    public static RelayStrategy of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.id.equals(value == null ? null : value.trim()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "outbox.relay.strategy must be one of "
                                                + Arrays.stream(values())
                                                        .map(RelayStrategy::id)
                                                        .collect(Collectors.joining(", "))
                                                + ", was '"
                                                + value
                                                + "'"));
    }
}
