package org.outboxlab.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalDouble;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node can take writes: the database answered the app's last gauge refresh (every
 * {@code outbox.metrics.refresh-ms}, 5 s by default). The broker does not decide it: OUTBOX accepts
 * orders while the broker is down, which is what it is built for, so a balancer must keep sending
 * them. What the node knows of the broker and of the relay's lag is reported beside the status. A
 * probe reads the app's gauges only: it takes no pooled connection (a busy pool cannot make a
 * healthy node look down, nor block the probe), opens no broker connection and runs no query. Alert
 * on the gauges ({@code outbox_broker_reachable}, {@code outbox_oldest_pending_age_seconds}).
 */
@Readiness
@ApplicationScoped
public class WriteReadiness implements HealthCheck {

    @Inject MeterRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox-writes");
        OptionalDouble database = gauge("outbox.database.reachable");
        boolean databaseReachable = database.isPresent() && database.getAsDouble() >= 1;
        builder.withData("databaseReachable", databaseReachable);
        gauge("outbox.broker.reachable")
                .ifPresent(v -> builder.withData("brokerReachable", v >= 1));
        gauge("outbox.oldest.pending.age.seconds")
                .ifPresent(v -> builder.withData("oldestPendingAgeMs", Math.round(v * 1000)));
        return builder.status(databaseReachable).build();
    }

    private OptionalDouble gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? OptionalDouble.empty() : OptionalDouble.of(gauge.value());
    }
}
