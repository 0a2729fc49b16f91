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
import java.util.List;
import javax.sql.DataSource;
import org.outboxlab.metrics.OutboxMetrics;

/**
 * Hears the other nodes' {@link WakeOwner} notices on PostgreSQL and tells the relay ({@link
 * PeerWakeup}) when one names a partition this node holds, so an order written on any node leaves
 * without waiting for its owner's timer tick. One thread per node, on one connection of the outbox
 * datasource held while it runs and returned to the pool unlistened ({@link WakeupChannel}); when
 * the database is away it tries again every few seconds (meanwhile the timer drains as before).
 * Does nothing on another database.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WakeupListener {

    private static final long RETRY_MS = 5000;

    @Resource(lookup = "java:jboss/datasources/OutboxDS")
    DataSource dataSource;

    @Resource ManagedThreadFactory threads;

    @EJB LeaseKeeper keeper;

    @Inject Event<PeerWakeup> wakeups;

    @Inject OutboxMetrics metrics;

    private WakeupChannel channel;
    private Thread thread;

    @PostConstruct
    void start() {
        channel = new WakeupChannel(dataSource, this::heard, RETRY_MS);
        thread = threads.newThread(channel);
        thread.setName("outbox-relay-wakeups");
        thread.start();
    }

    @PreDestroy
    void stop() {
        channel.stop();
        thread.interrupt();
        try {
            thread.join(WakeupChannel.stopWithinMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heard(List<String> partitions) {
        if (holdsAny(partitions)) {
            metrics.peerWakeup();
            wakeups.fire(new PeerWakeup());
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
