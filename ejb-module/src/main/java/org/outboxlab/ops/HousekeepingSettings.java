package org.outboxlab.ops;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long published outbox rows and inbox rows are kept, and how much one purge run may delete:
 * read from MicroProfile Config at start (ISO-8601 durations), changeable at run time.
 */
@ApplicationScoped
public class HousekeepingSettings {

    @Inject
    @ConfigProperty(name = "outbox.housekeeping.interval-ms", defaultValue = "60000")
    long configuredIntervalMs;

    @Inject
    @ConfigProperty(name = "outbox.housekeeping.outbox-retention", defaultValue = "PT24H")
    Duration configuredOutboxRetention;

    @Inject
    @ConfigProperty(name = "outbox.housekeeping.inbox-retention", defaultValue = "P7D")
    Duration configuredInboxRetention;

    @Inject
    @ConfigProperty(name = "outbox.idempotency.retention", defaultValue = "P1D")
    Duration keyRetention;

    @Inject
    @ConfigProperty(name = "outbox.housekeeping.batch-size", defaultValue = "1000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "outbox.housekeeping.max-batches", defaultValue = "50")
    int maxBatches;

    private volatile long intervalMs;
    private volatile Duration outboxRetention;
    private volatile Duration inboxRetention;

    @PostConstruct
    void validate() {
        configure(configuredIntervalMs, configuredOutboxRetention, configuredInboxRetention);
        if (keyRetention == null || keyRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "outbox.idempotency.retention must be zero or positive, was " + keyRetention);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(
                    "outbox.housekeeping.batch-size must be between 1 and 10000, was " + batchSize);
        }
        if (maxBatches < 1 || maxBatches > 10_000) {
            throw new IllegalArgumentException(
                    "outbox.housekeeping.max-batches must be between 1 and 10000, was "
                            + maxBatches);
        }
    }

    /** Validates and applies new timing and retention. */
    public void configure(long intervalMs, Duration outboxRetention, Duration inboxRetention) {
        if (intervalMs < 100 || intervalMs > 86_400_000) {
            throw new IllegalArgumentException(
                    "housekeeping interval must be between 100 ms and 24 h, was " + intervalMs);
        }
        if (outboxRetention == null || outboxRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "outbox retention must be zero or positive, was " + outboxRetention);
        }
        if (inboxRetention == null || inboxRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "inbox retention must be zero or positive, was " + inboxRetention);
        }
        this.intervalMs = intervalMs;
        this.outboxRetention = outboxRetention;
        this.inboxRetention = inboxRetention;
    }

    public long intervalMs() {
        return intervalMs;
    }

    public Duration outboxRetention() {
        return outboxRetention;
    }

    public Duration inboxRetention() {
        return inboxRetention;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxBatches() {
        return maxBatches;
    }

    /** How long an order's {@code Idempotency-Key} is kept: a retry within it writes nothing. */
    public Duration keyRetention() {
        return keyRetention;
    }
}
