package org.outboxlab.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.outboxlab.metrics.OutboxMetrics;

/**
 * Hears the other nodes' {@link WakeOwner} notices on PostgreSQL and tells the relay ({@link
 * PeerWakeup}) when one names a partition this node holds, so an order written on any node leaves
 * without waiting for its owner's timer tick. One thread per node, on one connection of the outbox
 * datasource held while it runs; when the database is away it tries again every few seconds
 * (meanwhile the timer drains as before). Does nothing on another database.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WakeupListener {

    private static final Logger LOG = Logger.getLogger(WakeupListener.class.getName());

    private static final int POLL_MS = 1000;
    private static final long RETRY_MS = 5000;

    @Resource(lookup = "java:jboss/datasources/OutboxDS")
    DataSource dataSource;

    @Resource ManagedThreadFactory threads;

    @EJB LeaseKeeper keeper;

    @Inject Event<PeerWakeup> wakeups;

    @Inject OutboxMetrics metrics;

    private volatile boolean running = true;
    private Thread thread;

    @PostConstruct
    void start() {
        thread = threads.newThread(this::listen);
        thread.setName("outbox-relay-wakeups");
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(POLL_MS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                    return;
                }
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + WakeOwner.CHANNEL);
                }
                if (warned) {
                    LOG.info("listening for other nodes' relay wake-ups again");
                    warned = false;
                }
                while (running) {
                    if (holdsAny(PostgresNotices.await(connection, POLL_MS))) {
                        metrics.peerWakeup();
                        wakeups.fire(new PeerWakeup());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOG.warning(
                            "not hearing other nodes' relay wake-ups (the timer still drains): "
                                    + e.getMessage());
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean holdsAny(List<String> partitions) {
        var held = keeper.ownership().partitions();
        for (String partition : partitions) {
            try {
                if (held.contains(Integer.parseInt(partition))) {
                    return true;
                }
            } catch (NumberFormatException ignored) {
                // not a partition number: not a notice of ours
            }
        }
        return false;
    }
}
