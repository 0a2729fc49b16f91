package org.outboxlab.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's name among the nodes sharing the outbox, and the timing of partition leases. Checked
 * at start: a bad value stops the deployment with the property's name.
 */
@ApplicationScoped
public class ClusterSettings {

    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    @ConfigProperty(name = "outbox.node.id")
    Optional<String> configuredNode;

    @Inject
    @ConfigProperty(name = "jboss.node.name")
    Optional<String> serverNode;

    @Inject
    @ConfigProperty(name = "outbox.cluster.heartbeat-ms", defaultValue = "1000")
    long heartbeatMs;

    @Inject
    @ConfigProperty(name = "outbox.cluster.lease-ms", defaultValue = "10000")
    long leaseMs;

    private String node;

    @PostConstruct
    void validate() {
        node = configuredNode.or(() -> serverNode).orElse("outbox-1");
        if (!NODE_NAME.matcher(node).matches()) {
            throw new IllegalArgumentException(
                    "outbox.node.id (or jboss.node.name) must be 1-64 letters, digits, '.', '_' or"
                            + " '-', was "
                            + node);
        }
        if (heartbeatMs < 100 || heartbeatMs > 60_000) {
            throw new IllegalArgumentException(
                    "outbox.cluster.heartbeat-ms must be within 100..60000, was " + heartbeatMs);
        }
        if (leaseMs < 3 * heartbeatMs || leaseMs > 600_000) {
            throw new IllegalArgumentException(
                    "outbox.cluster.lease-ms must be at least 3 heartbeats (outbox.cluster."
                            + "heartbeat-ms = "
                            + heartbeatMs
                            + ") and at most 600000, was "
                            + leaseMs);
        }
    }

    /** This node's name: {@code outbox.node.id}, else the server's {@code jboss.node.name}. */
    public String node() {
        return node;
    }

    public long heartbeatMs() {
        return heartbeatMs;
    }

    public long leaseMs() {
        return leaseMs;
    }
}
