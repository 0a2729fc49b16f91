package org.outboxlab.consume;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.EventFields;
import org.outboxlab.faults.Faults;
import org.outboxlab.metrics.OutboxMetrics;
import org.outboxlab.outbox.DatabaseFailures;

/**
 * Applies the deliveries that wait for one consumer at the same moment in one local database
 * transaction (flat combining, on the consumer sessions' own threads): each session hands its
 * message over to its order's lane and waits; the session that takes the lane applies every
 * delivery waiting there then ({@link EventReceiver#receiveAll}) and releases the others once that
 * transaction committed. A consumer has {@code outbox.consumer.lanes} lanes, each order in one of
 * them (by its id), so that many transactions of a consumer run at once, on disjoint orders: with
 * one lane a consumer applies one transaction at a time, and at the lab's load its deliveries
 * queued for seconds. So each message is still acknowledged only after the commit that holds its
 * effect (its {@code onMessage} returns after it), and no delay is added: a batch is whatever
 * waits, one delivery on a quiet system.
 *
 * <p>A batch that fails for any reason but an unreachable database is applied again one delivery at
 * a time, each in its own transaction, so a poison message fails alone and the others take effect;
 * a redelivered message is always applied alone. An unreachable database fails every delivery of
 * the batch, for each session to wait out ({@link DatabaseWait}) without spending the broker's
 * delivery attempts.
 */
@ApplicationScoped
public class DeliveryCombiner {

    private static final Logger LOG = Logger.getLogger(DeliveryCombiner.class.getName());

    /**
     * The most deliveries one transaction applies; 1 applies each delivery in a transaction of its
     * own.
     */
    @Inject
    @ConfigProperty(name = "outbox.consumer.batch-max", defaultValue = "64")
    int most;

    /** How many transactions of one consumer may run at once, each on its own orders. */
    @Inject
    @ConfigProperty(name = "outbox.consumer.lanes", defaultValue = "8")
    int lanes = 8;

    @EJB EventReceiver receiver;

    @Inject Faults faults;

    @Inject OutboxMetrics metrics;

    private final Map<LaneKey, Lane> byOrder = new ConcurrentHashMap<>();

    /** A consumer's lane. */
    private record LaneKey(ConsumerName consumer, int lane) {}

    @PostConstruct
    void validate() {
        if (most < 1 || most > 1000) {
            throw new IllegalArgumentException(
                    "outbox.consumer.batch-max must be between 1 and 1000, was " + most);
        }
        if (lanes < 1 || lanes > 64) {
            throw new IllegalArgumentException(
                    "outbox.consumer.lanes must be between 1 and 64, was " + lanes);
        }
    }

    /**
     * Applies {@code message} for {@code consumer}, alone or with the deliveries waiting beside it;
     * returns once the transaction that holds its effect committed, or throws its failure.
     */
    public void deliver(ConsumerName consumer, Message message) {
        Lane lane =
                byOrder.computeIfAbsent(new LaneKey(consumer, laneOf(message)), k -> new Lane());
        Delivery mine = new Delivery(message);
        lane.waiting.add(mine);
        lane.lock.lock();
        try {
            while (!mine.done) {
                apply(consumer, lane.take(most));
            }
        } finally {
            lane.lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** How many deliveries to {@code consumer} wait to be taken into a transaction now. */
    int waiting(ConsumerName consumer) {
        int waiting = 0;
        for (Map.Entry<LaneKey, Lane> lane : byOrder.entrySet()) {
            if (lane.getKey().consumer() == consumer) {
                waiting += lane.getValue().waiting.size();
            }
        }
        return waiting;
    }

    /**
     * The lane of {@code message}'s order: every event of an order in the same one, so that they
     * are applied one after the other; lane 0 for a message that names no order.
     */
    private int laneOf(Message message) {
        try {
            String order = message.getStringProperty(EventFields.AGGREGATE_ID);
            return order == null ? 0 : Math.floorMod(order.hashCode(), lanes);
        } catch (JMSException | RuntimeException unreadable) {
            return 0;
        }
    }

    private void apply(ConsumerName consumer, List<Delivery> batch) {
        List<Delivery> together = new ArrayList<>(batch.size());
        for (Delivery delivery : batch) {
            if (delivery.redelivered()) {
                alone(consumer, delivery);
            } else {
                together.add(delivery);
            }
        }
        if (together.size() == 1) {
            alone(consumer, together.get(0));
        } else if (!together.isEmpty()) {
            together(consumer, together);
        }
    }

    private void together(ConsumerName consumer, List<Delivery> batch) {
        List<Message> messages = new ArrayList<>(batch.size());
        batch.forEach(d -> messages.add(d.message));
        try {
            receiver.receiveAll(consumer, messages);
        } catch (RuntimeException e) {
            if (DatabaseFailures.unavailable(e)) {
                batch.forEach(d -> d.end(e));
                return;
            }
            LOG.fine(
                    () ->
                            consumer.id()
                                    + ": a batch of "
                                    + batch.size()
                                    + " deliveries failed ("
                                    + e
                                    + "); applying them one at a time");
            batch.forEach(d -> alone(consumer, d));
            return;
        }
        metrics.committed(consumer);
        faults.reach(CrashPoint.CONSUMER_BATCH_AFTER_DB_COMMIT);
        batch.forEach(d -> d.end(null));
    }

    private void alone(ConsumerName consumer, Delivery delivery) {
        try {
            receiver.receive(consumer, delivery.message);
            metrics.committed(consumer);
            delivery.end(null);
        } catch (RuntimeException e) {
            delivery.end(e);
        }
    }

    /** One consumer's deliveries waiting, and the lock its combining session holds. */
    private static final class Lane {

        final Queue<Delivery> waiting = new ConcurrentLinkedQueue<>();
        final ReentrantLock lock = new ReentrantLock();

        /** The deliveries waiting now, oldest first, at most {@code most}. */
        List<Delivery> take(int most) {
            List<Delivery> batch = new ArrayList<>();
            for (Delivery d; batch.size() < most && (d = waiting.poll()) != null; ) {
                batch.add(d);
            }
            return batch;
        }
    }

    /**
     * A message handed over by its session, and how it ended; read by that session under the lane's
     * lock, after the combining session set it under the same lock.
     */
    private static final class Delivery {

        final Message message;
        boolean done;
        RuntimeException failure;

        Delivery(Message message) {
            this.message = message;
        }

        void end(RuntimeException failure) {
            this.failure = failure;
            this.done = true;
        }

        boolean redelivered() {
            try {
                return message.propertyExists("JMSXDeliveryCount")
                        && message.getIntProperty("JMSXDeliveryCount") > 1;
            } catch (JMSException e) {
                return true; // unreadable: apply it alone
            }
        }
    }
}
