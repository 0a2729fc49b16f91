package org.outboxlab.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.outboxlab.consume.ConsumerName;

/**
 * The relay's and the consumers' counters in WildFly's Micrometer registry (Prometheus format on
 * the management interface, {@code /metrics}). Each counts committed work only: callers report
 * from an after-commit action.
 */
@ApplicationScoped
public class OutboxMetrics {

    @Inject
    MeterRegistry registry;

    /**
     * Looked up once: the registry's {@code counter(...)} searches every meter on each call, which
     * was a few percent of a delivery's CPU.
     */
    private Counter published;
    private Counter publishFailures;
    private final Map<ConsumerName, Counter> processed = new EnumMap<>(ConsumerName.class);
    private final Map<ConsumerName, Counter> duplicates = new EnumMap<>(ConsumerName.class);

    @PostConstruct
    void register() {
        published = registry.counter("outbox.relay.published");
        publishFailures = registry.counter("outbox.relay.publish.failures");
        for (ConsumerName consumer : ConsumerName.values()) {
            processed.put(consumer, registry.counter("outbox.consumer.processed", "consumer", consumer.id()));
            duplicates.put(consumer, registry.counter("outbox.consumer.duplicates", "consumer", consumer.id()));
        }
    }

    /** Events the broker committed and the outbox marked published. */
    public void published(int events) {
        published.increment(events);
    }

    /** Publish attempts that failed: a batch the broker refused, or a row that cannot become a message. */
    public void publishFailed(int events) {
        publishFailures.increment(events);
    }

    /** An event a consumer applied ({@code duplicate} false) or recognised in its inbox and skipped. */
    public void consumed(ConsumerName consumer, boolean duplicate) {
        (duplicate ? duplicates : processed).get(consumer).increment();
    }
}
