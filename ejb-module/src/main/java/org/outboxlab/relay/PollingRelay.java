package org.outboxlab.relay;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.outboxlab.broker.BrokerUnavailableException;
import org.outboxlab.broker.RouteMissingException;
import org.outboxlab.cluster.ClusterSwitch;
import org.outboxlab.cluster.LeaseExpiredException;
import org.outboxlab.cluster.LeaseKeeper;
import org.outboxlab.metrics.OutboxMetrics;
import org.outboxlab.metrics.OutboxMetrics.RelayStep;
import org.outboxlab.outbox.DatabaseFailures;
import org.outboxlab.outbox.DatabaseOutage;
import org.outboxlab.relay.RelayOutage.Cause;

/**
 * The polling {@link OutboxRelay}: claims PENDING rows, oldest first, so one order's events leave
 * in their sequence, and publishes each at least once. Runs on an EJB timer and on an after-commit
 * nudge, never two drains at once on this node, and publishes only the partitions this node holds a
 * lease on ({@link LeaseKeeper}), so with several nodes each order has one publisher at a time. The
 * node's partitions are split over {@link RelaySettings#lanes()} lanes that drain at once, one on
 * the caller's thread and the others on the server's managed executor, each lane never twice at
 * once: one lane's claim and mark overlap another's sends and broker commit, and an order, being in
 * one partition, is in one lane. On a broker or database outage it backs off (bounded, exponential)
 * and resumes by itself.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Local(OutboxRelay.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PollingRelay implements OutboxRelay {

    private static final Logger LOG = Logger.getLogger(PollingRelay.class.getName());

    @Resource TimerService timerService;

    @Resource SessionContext context;

    @EJB RelayBatch batch;

    @EJB BrokerChannel channel;

    @Inject RelaySettings settings;

    @Inject OutboxMetrics metrics;

    @Inject DatabaseOutage database;

    @EJB LeaseKeeper keeper;

    @EJB ClusterSwitch clusterSwitch;

    @Resource ManagedExecutorService executor;

    private AtomicBoolean[] draining;
    private AtomicBoolean[] nudged;
    private final RelayOutage outage = new RelayOutage();
    private volatile Timer timer;

    @PostConstruct
    void start() {
        draining = new AtomicBoolean[settings.lanes()];
        nudged = new AtomicBoolean[settings.lanes()];
        for (int i = 0; i < draining.length; i++) {
            draining[i] = new AtomicBoolean();
            nudged[i] = new AtomicBoolean();
        }
        keeper.relaying(!settings.paused());
        schedule();
    }

    @Override
    @Asynchronous
    public void nudge() {
        drain();
    }

    @Override
    @Asynchronous
    public void nudge(long requestedAtNanos) {
        metrics.relayStep(RelayStep.WAKEUP, System.nanoTime() - requestedAtNanos);
        outage.databaseReached();
        drain();
    }

    @Timeout
    void onTimer() {
        drain();
    }

    /** Every lane at once: the others on the managed executor, the first on this thread. */
    @Override
    public int drain() {
        List<Future<Integer>> others = new ArrayList<>(draining.length - 1);
        for (int lane = 1; lane < draining.length; lane++) {
            int own = lane;
            others.add(executor.submit(() -> drainLane(own)));
        }
        int total = drainLane(0);
        for (Future<Integer> other : others) {
            total += awaitLane(other);
        }
        return total;
    }

    private static int awaitLane(Future<Integer> lane) {
        try {
            return lane.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0; // the lane drains on; its rows are counted by its own call
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Drains one lane until it is empty; coalesces with a drain of that lane already running. */
    private int drainLane(int lane) {
        int total = 0;
        while (true) {
            if (paused()) {
                return total;
            }
            if (!draining[lane].compareAndSet(false, true)) {
                nudged[lane].set(true);
                return total;
            }
            try {
                nudged[lane].set(false);
                total += drainOnce(lane);
            } finally {
                draining[lane].set(false);
            }
            if (!nudged[lane].get()) {
                return total;
            }
        }
    }

    @Override
    public void configure(long intervalMs, int batchSize) {
        settings.setIntervalMs(intervalMs);
        settings.setBatchSize(batchSize);
        Timer current = timer;
        if (current != null) {
            current.cancel();
        }
        schedule();
    }

    /** Through the cluster's switch, kept in the database. */
    @Override
    public void pause() {
        clusterSwitch.pause();
    }

    /** On this node too if it was started paused ({@code outbox.relay.paused}). */
    @Override
    public void resume() {
        clusterSwitch.resume();
        settings.setPaused(false);
        keeper.relaying(true);
        context.getBusinessObject(OutboxRelay.class)
                .nudge(); // through the container, so @Asynchronous holds
    }

    @Override
    public State state() {
        return new State(
                paused(), outage.brokerDown(), settings.intervalMs(), settings.batchSize());
    }

    /** Whether the relay is off: on every node (the cluster's switch) or on this one. */
    private boolean paused() {
        return settings.paused() || keeper.ownership().clusterPaused();
    }

    private int drainOnce(int lane) {
        int total = 0;
        while (!paused() && outage.mayTry(Instant.now())) {
            int size = settings.batchSize();
            int claimed;
            long started = System.nanoTime();
            try {
                claimed = batch.publishNext(lane, size);
                if (claimed > 0) {
                    metrics.relayStep(RelayStep.BATCH, System.nanoTime() - started);
                }
            } catch (RouteMissingException missing) {
                backOff(Cause.ROUTE, null);
                return total; // logged as an error by EventRoutes; the rows wait, charged nothing
            } catch (LeaseExpiredException stalled) {
                LOG.warning(stalled.getMessage());
                return total; // the next heartbeat tells which partitions are still this node's
            } catch (BrokerUnavailableException batchFailure) {
                if (!(batchFailure instanceof AlreadyPublishedException)) {
                    metrics.publishFailed(1);
                }
                claimed = publishSingly(lane, size, batchFailure);
                if (claimed < 0) {
                    return total;
                }
            } catch (RuntimeException e) {
                databaseDown(e);
                return total;
            }
            database.reached();
            recovered(lane, claimed);
            total += claimed;
            if (claimed < size) {
                return total;
            }
        }
        return total;
    }

    /**
     * What a batch that did not fail proves: the database answered, and the broker did if the batch
     * published (or, when it found nothing to publish during a broker outage, if a fresh connection
     * opens). The lanes share one outage: a lane whose partitions have nothing pending must not end
     * the outage another lane's batches are failing in.
     */
    private void recovered(int lane, int claimed) {
        if (claimed > 0 || (outage.brokerDown() && channel.reachable(lane))) {
            outage.recovered(Instant.now());
        } else {
            outage.databaseReached();
        }
    }

    /**
     * After a failed batch: row by row if the broker is reachable, else back off. Returns -1 on
     * outage.
     */
    private int publishSingly(int lane, int size, BrokerUnavailableException batchFailure) {
        if (channel.reachable(lane)) {
            try {
                return batch.publishOneByOne(lane, size);
            } catch (LeaseExpiredException e) {
                LOG.warning(e.getMessage());
                return -1;
            } catch (RouteMissingException e) {
                backOff(Cause.ROUTE, null);
                return -1;
            } catch (BrokerUnavailableException e) {
                batchFailure = e;
            } catch (RuntimeException e) {
                databaseDown(e);
                return -1;
            }
        }
        backOff(Cause.BROKER, batchFailure.getMessage());
        return -1;
    }

    /** Backs off from a database failure (recorded for the node), or rethrows any other failure. */
    private void databaseDown(RuntimeException failure) {
        if (!DatabaseFailures.unavailable(failure)) {
            throw failure;
        }
        database.failed("relay", failure);
        backOff(Cause.DATABASE, null);
    }

    private void backOff(Cause cause, String reason) {
        outage.failed(
                Instant.now(), cause, reason, settings.backoffInitialMs(), settings.backoffMaxMs());
    }

    private void schedule() {
        long interval = settings.intervalMs();
        timer =
                timerService.createIntervalTimer(
                        interval, interval, new TimerConfig("outbox-relay", false));
    }
}
