package org.outboxlab.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.metrics.OutboxMetrics;

/**
 * Reads the counters {@link OutboxMetrics} keeps, as numbers for a screen: committed work since
 * this server started (a counter not yet created reads 0).
 */
@ApplicationScoped
public class OutboxCounters {

    /** The counters at one moment. */
    public record Reading(
            double published,
            double publishFailures,
            Map<ConsumerName, Double> processed,
            Map<ConsumerName, Double> duplicates) {}

    @Inject MeterRegistry registry;

    public Reading now() {
        Map<ConsumerName, Double> processed = new EnumMap<>(ConsumerName.class);
        Map<ConsumerName, Double> duplicates = new EnumMap<>(ConsumerName.class);
        for (ConsumerName consumer : ConsumerName.values()) {
            processed.put(consumer, count("outbox.consumer.processed", consumer));
            duplicates.put(consumer, count("outbox.consumer.duplicates", consumer));
        }
        return new Reading(
                count("outbox.relay.published", null),
                count("outbox.relay.publish.failures", null),
                processed,
                duplicates);
    }

    private double count(String name, ConsumerName consumer) {
        var search = registry.find(name);
        if (consumer != null) {
            search = search.tag("consumer", consumer.id());
        }
        Counter counter = search.counter();
        return counter == null ? 0 : counter.count();
    }
}
