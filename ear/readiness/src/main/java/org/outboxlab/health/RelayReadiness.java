package org.outboxlab.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while events can leave: the broker accepts a connection and the oldest unpublished outbox
 * event has waited less than {@code outbox.health.max-relay-lag-ms}. Goes down during a broker
 * outage or when the relay falls behind, and up again by itself once it has caught up. It reads
 * the database and the broker directly, as an operator would.
 */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {

    @Resource(lookup = "java:/jms/outbox/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:jboss/datasources/OutboxDS")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "outbox.health.max-relay-lag-ms", defaultValue = "60000")
    long maxLagMs;

    @Inject
    @ConfigProperty(name = "outbox.broker.user")
    Optional<String> brokerUser;

    @Inject
    @ConfigProperty(name = "outbox.broker.password")
    Optional<String> brokerPassword;

    @Override
    public HealthCheckResponse call() {
        boolean brokerReachable = brokerReachable();
        var builder = HealthCheckResponse.named("outbox-relay")
                .withData("brokerReachable", brokerReachable)
                .withData("maxRelayLagMs", maxLagMs);
        boolean lagging;
        try (java.sql.Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), min(occurred_at) from outbox_event where status = 'PENDING'")) {
            rs.next();
            long pending = rs.getLong(1);
            Timestamp oldest = rs.getTimestamp(2);
            long lagMs = oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.getTime());
            lagging = lagMs > maxLagMs;
            builder.withData("pending", pending).withData("oldestPendingAgeMs", lagMs);
        } catch (SQLException e) {
            lagging = true;
            builder.withData("database", "unreachable: " + e.getMessage());
        }
        return builder.status(brokerReachable && !lagging).build();
    }

    private boolean brokerReachable() {
        try (Connection connection = brokerUser.isPresent()
                ? connectionFactory.createConnection(brokerUser.get(), brokerPassword.orElse(null))
                : connectionFactory.createConnection()) {
            return true;
        } catch (JMSException | JMSRuntimeException e) {
            return false;
        }
    }
}
