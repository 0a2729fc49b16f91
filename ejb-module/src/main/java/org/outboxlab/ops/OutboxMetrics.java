package org.outboxlab.ops;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** Events the broker committed and the outbox marked published. */
    public void published(int events) {
        registry.counter("outbox.relay.published").increment(events);
    }

    /** Publish attempts that failed: a batch the broker refused, or a row that cannot become a message. */
    public void publishFailed(int events) {
        registry.counter("outbox.relay.publish.failures").increment(events);
    }

    /** An event a consumer applied ({@code duplicate} false) or recognised in its inbox and skipped. */
    public void consumed(ConsumerName consumer, boolean duplicate) {
        registry.counter(duplicate ? "outbox.consumer.duplicates" : "outbox.consumer.processed",
                "consumer", consumer.id()).increment();
    }
}
