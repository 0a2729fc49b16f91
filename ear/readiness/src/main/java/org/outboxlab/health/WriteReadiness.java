package org.outboxlab.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node can take writes: the database answers (a pooled connection, validated within
 * 2 s). The broker does not decide it: OUTBOX accepts orders while the broker is down, which is what
 * it is built for, so a balancer must keep sending them. What the node knows of the broker and of
 * the relay's lag is reported beside the status, read from the app's gauges (refreshed by a timer),
 * so a probe opens no broker connection and runs no query of its own; alert on those gauges
 * ({@code outbox_broker_reachable}, {@code outbox_oldest_pending_age_seconds}).
 */
@Readiness
@ApplicationScoped
public class WriteReadiness implements HealthCheck {

    @Resource(lookup = "java:jboss/datasources/OutboxDS")
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox-writes");
        boolean databaseReachable;
        try (Connection connection = dataSource.getConnection()) {
            databaseReachable = connection.isValid(2);
        } catch (SQLException e) {
            databaseReachable = false;
            builder.withData("databaseError", e.getMessage());
        }
        builder.withData("databaseReachable", databaseReachable);
        gauge("outbox.broker.reachable").ifPresent(v -> builder.withData("brokerReachable", v >= 1));
        gauge("outbox.oldest.pending.age.seconds").ifPresent(v -> builder.withData("oldestPendingAgeMs", Math.round(v * 1000)));
        return builder.status(databaseReachable).build();
    }

    private OptionalDouble gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? OptionalDouble.empty() : OptionalDouble.of(gauge.value());
    }
}
