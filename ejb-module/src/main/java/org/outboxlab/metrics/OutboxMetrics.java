package org.outboxlab.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.outboxlab.contract.ConsumerName;

/**
 * The relay's and the consumers' counters and timers in WildFly's Micrometer registry (Prometheus
 * format on the management interface, {@code /metrics}). Each counter counts committed work only:
 * it observes {@link EventConsumed} and {@link BatchRelayed} after their transaction's successful
 * commit; the timers say where the time goes, committed or not.
 */
@ApplicationScoped
public class OutboxMetrics {

    @Inject MeterRegistry registry;

    /**
     * Looked up once: the registry's {@code counter(...)} searches every meter on each call, which
     * was a few percent of a delivery's CPU.
     */
    private Counter published;

    private Counter publishFailures;
    private Counter peerWakeups;
    private final Map<ConsumerName, Counter> processed = new EnumMap<>(ConsumerName.class);
    private final Map<ConsumerName, Counter> duplicates = new EnumMap<>(ConsumerName.class);
    private final Map<RelayStep, Timer> relaySteps = new EnumMap<>(RelayStep.class);
    private final Map<ConsumerName, Timer> deliveryLag = new EnumMap<>(ConsumerName.class);
    private final Map<ConsumerName, Timer> receive = new EnumMap<>(ConsumerName.class);
    private final Map<ConsumerName, Counter> heldForDatabase = new EnumMap<>(ConsumerName.class);
    private final Map<ConsumerName, Counter> commits = new EnumMap<>(ConsumerName.class);

    /** The parts of a relay batch, timed one by one. */
    public enum RelayStep {
        /** From the nudge after an order's commit to the start of the drain it asked for. */
        WAKEUP,
        /** Reading and locking the oldest pending rows. */
        CLAIM,
        /** Sending the batch and the broker's commit. */
        PUBLISH,
        /** The whole batch: claim, publish, marking the rows and the database commit. */
        BATCH
    }

    /** Created with the deployment, so a scrape shows every meter, at zero, before any work. */
    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployment) {
        // the observer instantiates the bean; @PostConstruct registers the meters
    }

    @PostConstruct
    void register() {
        published = registry.counter("outbox.relay.published");
        publishFailures = registry.counter("outbox.relay.publish.failures");
        peerWakeups = registry.counter("outbox.relay.peer.wakeups");
        for (ConsumerName consumer : ConsumerName.values()) {
            processed.put(
                    consumer,
                    registry.counter("outbox.consumer.processed", "consumer", consumer.id()));
            duplicates.put(
                    consumer,
                    registry.counter("outbox.consumer.duplicates", "consumer", consumer.id()));
            deliveryLag.put(
                    consumer,
                    registry.timer("outbox.consumer.delivery.lag", "consumer", consumer.id()));
            receive.put(
                    consumer, registry.timer("outbox.consumer.receive", "consumer", consumer.id()));
            heldForDatabase.put(
                    consumer,
                    registry.counter("outbox.consumer.database.waits", "consumer", consumer.id()));
            commits.put(
                    consumer,
                    registry.counter("outbox.consumer.commits", "consumer", consumer.id()));
        }
        for (RelayStep step : RelayStep.values()) {
            relaySteps.put(
                    step,
                    registry.timer(
                            "outbox.relay.step", "step", step.name().toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * A delivery to {@code consumer} found the database unreachable and waits for it (counted once
     * per delivery).
     */
    public void heldForDatabase(ConsumerName consumer) {
        heldForDatabase.get(consumer).increment();
    }

    /**
     * {@code consumer} committed one local transaction of deliveries (one, or a batch of those that
     * waited together): deliveries over commits is the batching achieved.
     */
    public void committed(ConsumerName consumer) {
        commits.get(consumer).increment();
    }

    /**
     * How long one step of a relay batch that claimed rows took (committed or not: this is where
     * the time goes).
     */
    public void relayStep(RelayStep step, long nanos) {
        relaySteps.get(step).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * How long {@code consumer} took from the message's send by the relay or writer (its JMS
     * timestamp) to the start of its delivery, and then to apply it and commit.
     */
    public void delivered(ConsumerName consumer, long lagMillis, long receiveNanos) {
        if (lagMillis >= 0) {
            deliveryLag.get(consumer).record(lagMillis, TimeUnit.MILLISECONDS);
        }
        receive.get(consumer).record(receiveNanos, TimeUnit.NANOSECONDS);
    }

    /** Events the broker committed and the outbox marked published. */
    public void published(int events) {
        published.increment(events);
    }

    /**
     * A drain this node started because another node wrote an event of a partition it holds
     * (PostgreSQL {@code NOTIFY}).
     */
    public void peerWakeup() {
        peerWakeups.increment();
    }

    /**
     * Publish attempts that failed: a batch the broker refused, or a row that cannot become a
     * message.
     */
    public void publishFailed(int events) {
        publishFailures.increment(events);
    }

    /**
     * An event a consumer applied ({@code duplicate} false) or recognised in its inbox and skipped.
     */
    public void consumed(ConsumerName consumer, boolean duplicate) {
        (duplicate ? duplicates : processed).get(consumer).increment();
    }

    void onConsumed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventConsumed consumed) {
        consumed(consumed.consumer(), consumed.duplicate());
    }

    void onRelayed(@Observes(during = TransactionPhase.AFTER_SUCCESS) BatchRelayed batch) {
        published(batch.published());
        publishFailed(batch.failed());
    }
}
