package org.outboxlab.relay;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The relay's tunables: read from MicroProfile Config at start (system properties or environment
 * variables such as {@code OUTBOX_RELAY_BATCH_SIZE}), changeable at run time, effective at the next
 * batch.
 */
@ApplicationScoped
public class RelaySettings {

    @Inject
    @ConfigProperty(name = "outbox.relay.interval-ms", defaultValue = "1000")
    long configuredIntervalMs;

    @Inject
    @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "1000")
    int configuredBatchSize;

    @Inject
    @ConfigProperty(name = "outbox.relay.paused", defaultValue = "false")
    boolean configuredPaused;

    @Inject
    @ConfigProperty(name = "outbox.relay.nudge", defaultValue = "true")
    boolean nudge;

    @Inject
    @ConfigProperty(name = "outbox.relay.max-attempts", defaultValue = "10")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "outbox.relay.backoff.initial-ms", defaultValue = "250")
    long backoffInitialMs;

    @Inject
    @ConfigProperty(name = "outbox.relay.backoff.max-ms", defaultValue = "15000")
    long backoffMaxMs;

    @Inject
    @ConfigProperty(name = "outbox.relay.one-by-one-budget-ms", defaultValue = "10000")
    long configuredOneByOneBudgetMs;

    @Inject
    @ConfigProperty(name = "outbox.relay.lanes", defaultValue = "2")
    int lanes;

    @Inject
    @ConfigProperty(name = "outbox.relay.strategy", defaultValue = "polling")
    String configuredStrategy;

    @Inject
    @ConfigProperty(name = "outbox.relay.sweep-after-ms", defaultValue = "30000")
    long sweepAfterMs;

    @Inject
    @ConfigProperty(name = "outbox.relay.sweep-interval-ms", defaultValue = "5000")
    long sweepIntervalMs;

    private volatile long intervalMs;
    private volatile int batchSize;
    private volatile boolean paused;
    private volatile long oneByOneBudgetMs;
    private RelayStrategy strategy;

    @PostConstruct
    void validate() {
        strategy = RelayStrategy.of(configuredStrategy);
        requireRange("outbox.relay.sweep-after-ms", sweepAfterMs, 1_000, 86_400_000);
        requireRange("outbox.relay.sweep-interval-ms", sweepIntervalMs, 50, 3_600_000);
        intervalMs = requireRange("outbox.relay.interval-ms", configuredIntervalMs, 50, 3_600_000);
        batchSize = (int) requireRange("outbox.relay.batch-size", configuredBatchSize, 1, 10_000);
        requireRange("outbox.relay.max-attempts", maxAttempts, 1, 1_000);
        requireRange("outbox.relay.backoff.initial-ms", backoffInitialMs, 1, 600_000);
        requireRange("outbox.relay.backoff.max-ms", backoffMaxMs, backoffInitialMs, 3_600_000);
        requireRange("outbox.relay.lanes", lanes, 1, 8);
        paused = configuredPaused;
        oneByOneBudgetMs =
                requireRange(
                        "outbox.relay.one-by-one-budget-ms", configuredOneByOneBudgetMs, 1, 30_000);
    }

    /**
     * How many drains of this node run at once, each over its own share of the node's partitions
     * and with its own broker session: one lane's database work overlaps another's publishing.
     * Fixed at start.
     */
    public int lanes() {
        return lanes;
    }

    /**
     * How the relay finds committed rows ({@code outbox.relay.strategy}, {@code polling} unless
     * set); fixed at start.
     */
    public RelayStrategy strategy() {
        return strategy;
    }

    /**
     * Under {@link RelayStrategy#LOG_TAILING}, how old a row must be ({@code occurred_at}) before
     * the polling relay, now a sweeper, publishes it: the log reader publishes younger rows, and
     * the sweeper only what it missed (a lost or recreated slot, a stalled reader, an order held
     * behind an unpublished event).
     */
    public long sweepAfterMs() {
        return sweepAfterMs;
    }

    /** The polling relay's interval: its own under polling, the sweeper's under log tailing. */
    public long intervalMs() {
        return strategy == RelayStrategy.LOG_TAILING
                ? Math.max(intervalMs, sweepIntervalMs)
                : intervalMs;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean paused() {
        return paused;
    }

    /**
     * Whether a committed OUTBOX write asks the relay for a drain at once, rather than waiting for
     * the timer.
     */
    public boolean nudge() {
        return nudge;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public long backoffInitialMs() {
        return backoffInitialMs;
    }

    public long backoffMaxMs() {
        return backoffMaxMs;
    }

    public void setIntervalMs(long value) {
        intervalMs = requireRange("intervalMs", value, 50, 3_600_000);
    }

    public void setBatchSize(int value) {
        batchSize = (int) requireRange("batchSize", value, 1, 10_000);
    }

    public void setPaused(boolean value) {
        paused = value;
    }

    /**
     * How long one row-by-row pass (after a refused batch) may publish before it commits what it
     * did and leaves the rest to the next drain; well inside the 60 s transaction timeout, so its
     * marks never roll back.
     */
    public long oneByOneBudgetMs() {
        return oneByOneBudgetMs;
    }

    public void setOneByOneBudgetMs(long value) {
        oneByOneBudgetMs = requireRange("oneByOneBudgetMs", value, 1, 30_000);
    }

    private static long requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
