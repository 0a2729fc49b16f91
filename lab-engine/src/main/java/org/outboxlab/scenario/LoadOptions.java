package org.outboxlab.scenario;

import java.time.Duration;

/**
 * How hard and how long a run drives each write mode: {@code clientsPerMode} concurrent clients
 * sharing {@code ordersPerSecondPerMode} new orders a second, for {@code duration}.
 */
public record LoadOptions(int clientsPerMode, double ordersPerSecondPerMode, Duration duration) {

    public LoadOptions {
        if (clientsPerMode < 1 || clientsPerMode > 64) {
            throw new IllegalArgumentException("clients per mode: 1..64, was " + clientsPerMode);
        }
        if (!(ordersPerSecondPerMode > 0) || ordersPerSecondPerMode > 1000) {
            throw new IllegalArgumentException(
                    "orders per second per mode: above 0, at most 1000, was "
                            + ordersPerSecondPerMode);
        }
        if (duration.toMillis() < 1000 || duration.toMinutes() > 60) {
            throw new IllegalArgumentException("duration: 1 s to 60 min, was " + duration);
        }
    }
}
