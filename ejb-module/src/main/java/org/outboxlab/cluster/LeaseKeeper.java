package org.outboxlab.cluster;

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
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's partition leases: a heartbeat every {@code outbox.cluster.heartbeat-ms} (an EJB
 * timer of this node), which renews them, takes over the partitions this node should have and that
 * are free, and gives up the others. A node that stops beating (killed, paused, cut off from the
 * database) loses its partitions one lease ({@code outbox.cluster.lease-ms}) after its last beat;
 * one that shuts down gives them up at once.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    @Resource TimerService timers;

    @EJB PartitionLeases leases;

    @Inject ClusterSettings settings;

    @Inject Event<PartitionsGained> gained;

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    private volatile Ownership ownership;
    private volatile boolean relaying = true;
    private volatile boolean failing;

    /** The cluster's switch as this node last set it, and when; null before it did. */
    private volatile LocalSwitch lastSwitch;

    /** A switch of the cluster's relay made on this node, at {@code atNanos} (System.nanoTime). */
    private record LocalSwitch(boolean paused, long atNanos) {}

    @PostConstruct
    void start() {
        ownership = Ownership.none(settings.node());
        next(0);
    }

    /** Beats, then schedules the next beat: a slow beat (a lock wait) delays, never overlaps. */
    @Timeout
    void onTimer() {
        try {
            beat();
        } finally {
            try {
                next(settings.heartbeatMs());
            } catch (IllegalStateException | jakarta.ejb.EJBException stopping) {
                LOG.fine("no next heartbeat: the application is stopping");
            }
        }
    }

    private void next(long delayMs) {
        timers.createSingleActionTimer(delayMs, new TimerConfig("outbox-lease-keeper", false));
    }

    /** One heartbeat now; returns what it found (the last one if the database failed). */
    public Ownership beat() {
        Ownership before = ownership;
        try {
            Ownership now =
                    recentSwitchWins(
                            leases.beat(
                                    settings.node(),
                                    relaying,
                                    Duration.ofMillis(settings.leaseMs())));
            ownership = now;
            if (failing) {
                failing = false;
                LOG.info("heartbeat of node " + settings.node() + " recorded again");
            }
            if (!now.partitions().equals(before.partitions())) {
                LOG.info(
                        () ->
                                "node "
                                        + now.node()
                                        + " relays "
                                        + now.partitions().size()
                                        + " of the partitions; nodes relaying: "
                                        + now.liveNodes());
            }
            Set<Integer> gainedNow = new TreeSet<>(now.partitions());
            gainedNow.removeAll(before.partitions());
            if (!gainedNow.isEmpty()) {
                gained.fire(new PartitionsGained(gainedNow));
            }
            return now;
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(
                        Level.WARNING,
                        "heartbeat of node "
                                + settings.node()
                                + " failed; its leases run out unless a later one succeeds: "
                                + e.getMessage());
            }
            return before;
        }
    }

    /**
     * Whether this node takes partitions; a node that stops gives its partitions up at the next
     * heartbeat, one that starts takes its share.
     */
    public void relaying(boolean value) {
        relaying = value;
    }

    /** What the last heartbeat found. */
    public Ownership ownership() {
        return ownership;
    }

    /** Notes a change of the cluster's relay switch made on this node before the next beat. */
    public void switched(boolean paused) {
        lastSwitch = new LocalSwitch(paused, System.nanoTime());
        Ownership last = ownership;
        ownership = new Ownership(last.node(), last.partitions(), paused, last.liveNodes());
    }

    /**
     * {@code found}, with the switch this node set within the last two heartbeats instead of the
     * one the beat read: a beat that read the switch before the operator's transaction committed
     * would otherwise show (and act on) the old state until the next beat.
     */
    private Ownership recentSwitchWins(Ownership found) {
        LocalSwitch local = lastSwitch;
        if (local == null
                || local.paused() == found.clusterPaused()
                || System.nanoTime() - local.atNanos() > 2 * settings.heartbeatMs() * 1_000_000L) {
            return found;
        }
        return new Ownership(found.node(), found.partitions(), local.paused(), found.liveNodes());
    }

    /**
     * Gives this node's partitions up as it stops, in a transaction of its own here (the stateless
     * beans may be stopped already).
     */
    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void leave() {
        try {
            PartitionLeases.leave(em, settings.node());
            LOG.info("node " + settings.node() + " gave up its partitions");
        } catch (RuntimeException e) {
            LOG.warning(
                    "node "
                            + settings.node()
                            + " could not give up its partitions; they pass on when its leases run"
                            + " out: "
                            + e.getMessage());
        }
    }
}
