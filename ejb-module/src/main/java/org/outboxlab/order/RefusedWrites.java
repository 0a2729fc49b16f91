package org.outboxlab.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.outbox.UnreachableException.Resource;

/**
 * Writes refused because the database or the broker could not be reached: counted in {@code
 * outbox_writes_refused_total{cause}}, logged as one WARN line when the refusals start and one INFO
 * line when a write that needs the same resource, begun after they started, succeeds again, so an
 * outage does not flood the log with one stack trace per request. A write begun before the first
 * refusal proves nothing about the resource now (an XA write held before its phase 2 returns once
 * its commit is logged, the database's part left to recovery), so it ends no outage.
 */
@ApplicationScoped
public class RefusedWrites {

    private static final Logger LOG = Logger.getLogger(RefusedWrites.class.getName());

    @Inject MeterRegistry registry;

    private final Map<Resource, Counter> counters = new EnumMap<>(Resource.class);
    private final Map<Resource, AtomicLong> sinceLastSuccess = new EnumMap<>(Resource.class);
    private final Map<Resource, Long> outageBegan = new EnumMap<>(Resource.class);

    /** Created with the deployment, so a scrape shows every meter, at zero, before any work. */
    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployment) {
        // the observer instantiates the bean; @PostConstruct registers the meters
    }

    @PostConstruct
    void register() {
        for (Resource resource : Resource.values()) {
            counters.put(
                    resource, registry.counter("outbox.writes.refused", "cause", name(resource)));
            sinceLastSuccess.put(resource, new AtomicLong());
            outageBegan.put(resource, System.nanoTime());
        }
    }

    /**
     * A write refused because {@code resource} was unreachable; {@code reason} is logged if it
     * starts an outage.
     */
    public void refused(Resource resource, String reason) {
        counters.get(resource).increment();
        boolean began;
        synchronized (outageBegan) {
            began = sinceLastSuccess.get(resource).getAndIncrement() == 0;
            if (began) {
                outageBegan.put(resource, System.nanoTime());
            }
        }
        if (began) {
            LOG.warning(
                    "writes refused, "
                            + name(resource)
                            + " unreachable: "
                            + reason
                            + " (logged once until writes succeed again; counted in outbox_writes_refused_total)");
        }
    }

    /**
     * A write in {@code mode}, begun at {@code beganNanos} ({@link System#nanoTime()}), committed:
     * the database was reachable, and the broker too if the mode sends while writing.
     */
    public void accepted(WriteMode mode, long beganNanos) {
        ended(Resource.DATABASE, beganNanos);
        if (mode.sendsWhileWriting()) {
            ended(Resource.BROKER, beganNanos);
        }
    }

    private static String name(Resource resource) {
        return resource.name().toLowerCase(Locale.ROOT);
    }

    private void ended(Resource resource, long beganNanos) {
        AtomicLong refused = sinceLastSuccess.get(resource);
        if (refused.get() == 0) {
            return;
        }
        long n;
        synchronized (outageBegan) {
            if (beganNanos - outageBegan.get(resource) < 0) {
                return;
            }
            n = refused.getAndSet(0);
        }
        if (n > 0) {
            LOG.info(
                    "writes succeed again; "
                            + n
                            + " refused while the "
                            + name(resource)
                            + " was unreachable");
        }
    }
}
