package org.outboxlab.testsupport;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.outboxlab.contract.EventFields;

/**
 * A subscriber of its own on the order-events topic, for a test inside the server: it records, per
 * order, the sequence numbers of the events in the order the broker delivered them, which is the
 * order they were published in (one publisher, one subscription), whatever the rows' {@code
 * published_at} says (a batch stamps one instant on all its rows). Subscribe before the events are
 * published: a subscription sees only what comes after it.
 */
public final class TopicRecorder implements AutoCloseable {

    private final JMSContext context;
    private final JMSConsumer consumer;
    private final Map<String, List<Integer>> received = new LinkedHashMap<>();

    private TopicRecorder(JMSContext context, JMSConsumer consumer) {
        this.context = context;
        this.consumer = consumer;
    }

    /** Subscribes to {@code java:/jms/outbox/OrderEvents}. */
    public static TopicRecorder subscribe() {
        try {
            InitialContext jndi = new InitialContext();
            ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/ConnectionFactory");
            Topic orderEvents = (Topic) jndi.lookup("java:/jms/outbox/OrderEvents");
            JMSContext context = factory.createContext();
            return new TopicRecorder(context, context.createConsumer(orderEvents));
        } catch (NamingException e) {
            throw new IllegalStateException("no order-events topic: " + e, e);
        }
    }

    /**
     * Receives until {@code events} events of {@code orderIds} came; returns each order's sequence
     * numbers in the order received. Fails after {@code timeout}.
     */
    public Map<String, List<Integer>> await(
            Collection<String> orderIds, int events, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(orderIds) < events) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            Message message = left > 0 ? consumer.receive(left) : null;
            if (message == null) {
                throw new AssertionError(
                        "the topic delivered "
                                + count(orderIds)
                                + " of "
                                + events
                                + " events within "
                                + timeout
                                + ": "
                                + received);
            }
            try {
                received.computeIfAbsent(
                                message.getStringProperty(EventFields.AGGREGATE_ID),
                                k -> new ArrayList<>())
                        .add(message.getIntProperty(EventFields.SEQUENCE));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, List<Integer>> ofOrders = new LinkedHashMap<>();
        orderIds.forEach(id -> ofOrders.put(id, List.copyOf(received.getOrDefault(id, List.of()))));
        return ofOrders;
    }

    private int count(Collection<String> orderIds) {
        return orderIds.stream().mapToInt(id -> received.getOrDefault(id, List.of()).size()).sum();
    }

    @Override
    public void close() {
        consumer.close();
        context.close();
    }
}
