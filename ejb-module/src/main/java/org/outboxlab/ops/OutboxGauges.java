package org.outboxlab.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.outboxlab.broker.EventRoutes;
import org.outboxlab.consume.HeldEvents;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.logtail.LogTailingRelay;
import org.outboxlab.logtail.SlotMonitor;
import org.outboxlab.outbox.DatabaseOutage;
import org.outboxlab.outbox.OutboxStatus;

/**
 * Gauges of the outbox backlog by status, the age of the oldest unpublished event, each consumer's
 * dead-letter depth, its held events (count and oldest age), whether the database and the broker
 * answered, and the log-tailing relay's replication slot (WAL it retains and is behind, whether
 * PostgreSQL invalidated it, whether this node reads it). They are refreshed by a timer, so a
 * scrape never queries the database or the broker; a value is at most one refresh interval old, the
 * PUBLISHED and DIRECT counts twelve.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxGauges {

    @Inject MeterRegistry registry;

    @Inject
    @ConfigProperty(name = "outbox.metrics.refresh-ms", defaultValue = "5000")
    long refreshMs;

    @Resource TimerService timers;

    @EJB OutboxBacklog backlog;

    @EJB DeadLetters deadLetters;

    @EJB HeldEvents heldEvents;

    @Inject DatabaseOutage database;

    @EJB EventRoutes routes;

    @EJB SlotMonitor slots;

    @EJB LogTailingRelay reader;

    /** No slot: nothing retained, nothing behind. */
    private static final SlotMonitor.SlotStatus NO_SLOT =
            new SlotMonitor.SlotStatus("", false, "none", 0, 0, null);

    /** The done rows' counts are refreshed every this many refreshes (a minute by default). */
    static final int COUNT_DONE_EVERY = 12;

    private long refreshes;

    private final Map<OutboxStatus, AtomicLong> byStatus = new EnumMap<>(OutboxStatus.class);
    private final Map<ConsumerName, AtomicLong> deadLettered = new EnumMap<>(ConsumerName.class);
    private final Map<ConsumerName, AtomicLong> held = new EnumMap<>(ConsumerName.class);
    private final Map<ConsumerName, AtomicLong> oldestHeldMs = new EnumMap<>(ConsumerName.class);
    private final AtomicLong oldestPendingMs = new AtomicLong();
    private final AtomicLong brokerReachable = new AtomicLong(1);
    private final AtomicLong databaseReachable = new AtomicLong(1);
    private final AtomicLong slotRetained = new AtomicLong();
    private final AtomicLong slotLag = new AtomicLong();
    private final AtomicLong slotLost = new AtomicLong();
    private final List<Meter> meters = new ArrayList<>();

    @PostConstruct
    void register() {
        if (refreshMs < 100 || refreshMs > 3_600_000) {
            throw new IllegalArgumentException(
                    "outbox.metrics.refresh-ms must be between 100 and 3600000, was " + refreshMs);
        }
        for (OutboxStatus status : OutboxStatus.values()) {
            AtomicLong value = new AtomicLong();
            byStatus.put(status, value);
            gauge("outbox.events", Tags.of("status", status.name()), value, AtomicLong::get);
        }
        gauge(
                "outbox.oldest.pending.age.seconds",
                Tags.empty(),
                oldestPendingMs,
                v -> v.get() / 1000.0);
        gauge("outbox.broker.reachable", Tags.empty(), brokerReachable, AtomicLong::get);
        gauge("outbox.database.reachable", Tags.empty(), databaseReachable, AtomicLong::get);
        gauge(
                "outbox.broker.routes.missing",
                Tags.empty(),
                routes,
                r -> r.missing().size()); // as last asked: relay or timer
        gauge("outbox.relay.slot.retained.bytes", Tags.empty(), slotRetained, AtomicLong::get);
        gauge("outbox.relay.slot.lag.bytes", Tags.empty(), slotLag, AtomicLong::get);
        gauge("outbox.relay.slot.lost", Tags.empty(), slotLost, AtomicLong::get);
        gauge(
                "outbox.relay.slot.reading",
                Tags.empty(),
                reader,
                r -> r.state().reading() ? 1 : 0); // this node holds the slot's lease
        for (ConsumerName consumer : ConsumerName.values()) {
            AtomicLong value = new AtomicLong();
            deadLettered.put(consumer, value);
            gauge(
                    "outbox.consumer.dead.lettered",
                    Tags.of("consumer", consumer.id()),
                    value,
                    AtomicLong::get);
            AtomicLong count = new AtomicLong();
            held.put(consumer, count);
            gauge(
                    "outbox.consumer.held.events",
                    Tags.of("consumer", consumer.id()),
                    count,
                    AtomicLong::get);
            AtomicLong age = new AtomicLong();
            oldestHeldMs.put(consumer, age);
            gauge(
                    "outbox.consumer.oldest.held.age.seconds",
                    Tags.of("consumer", consumer.id()),
                    age,
                    v -> v.get() / 1000.0);
        }
        timers.createIntervalTimer(0, refreshMs, new TimerConfig("outbox-gauges", false));
    }

    /**
     * Registers a gauge through {@link MeterRegistry#gauge}: WildFly's per-deployment registry
     * exports gauges registered that way (a {@code Gauge.builder(...).register} gauge is not
     * exported).
     */
    private <T> void gauge(
            String name, Tags tags, T state, java.util.function.ToDoubleFunction<T> value) {
        registry.gauge(name, tags, state, value);
        Meter meter = registry.find(name).tags(tags).meter();
        if (meter != null) {
            meters.add(meter);
        }
    }

    /**
     * While the database is down the backlog gauges keep their last values. The open work (PENDING,
     * FAILED, the oldest pending age) is read at every refresh from the index; the done rows
     * (PUBLISHED, DIRECT: a day's retention of them) are counted every {@value #COUNT_DONE_EVERY}th
     * refresh only, which scans the table.
     */
    @Timeout
    void refresh() {
        boolean countDone = refreshes++ % COUNT_DONE_EVERY == 0;
        OutboxBacklog.Snapshot now =
                database.orElse("metrics", countDone ? backlog::now : backlog::open, null);
        databaseReachable.set(now == null ? 0 : 1);
        if (now != null) {
            byStatus.forEach(
                    (status, value) -> {
                        if (countDone || now.byStatus().containsKey(status)) {
                            value.set(now.count(status));
                        }
                    });
            oldestPendingMs.set(now.oldestPendingAge().toMillis());
        }
        SlotMonitor.SlotStatus slot =
                database.orElse("metrics", () -> slots.read().orElse(NO_SLOT), null);
        if (slot != null) {
            slotRetained.set(slot.retainedBytes());
            slotLag.set(slot.lagBytes());
            slotLost.set(slot.lost() ? 1 : 0);
        }
        Map<ConsumerName, HeldEvents.Count> holding =
                database.orElse("metrics", heldEvents::counts, null);
        if (holding != null) {
            long nowMs = System.currentTimeMillis();
            holding.forEach(
                    (consumer, c) -> {
                        held.get(consumer).set(c.held());
                        oldestHeldMs
                                .get(consumer)
                                .set(
                                        c.oldestHeldAt() == null
                                                ? 0
                                                : Math.max(
                                                        0,
                                                        nowMs - c.oldestHeldAt().toEpochMilli()));
                    });
        }
        Map<ConsumerName, Long> depths = deadLetters.depths();
        // An unreadable depth (-1: the broker is unreachable) keeps the last count, so sums and
        // alerts over the gauge stay meaningful; outbox_broker_reachable says why it is stale.
        deadLettered.forEach(
                (consumer, value) -> {
                    long depth = depths.get(consumer);
                    if (depth >= 0) {
                        value.set(depth);
                    }
                });
        brokerReachable.set(depths.values().stream().allMatch(depth -> depth >= 0) ? 1 : 0);
        routes.refresh();
    }

    @PreDestroy
    void unregister() {
        meters.forEach(registry::remove);
    }
}
