package org.outboxlab.lab.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.outboxlab.contract.EventIds;
import org.outboxlab.control.BrokerManagement;

/**
 * The broker's fan-out of one event to the three consumers, two ways, on the same broker in the
 * same run: the product's OrderEvents address with one durable subscription queue per consumer (one
 * message stored, three references) against three non-exclusive diverts from a multicast address
 * into three anycast queues (each divert copies and persists the message again), the product's
 * topology before. A producer sends {@code n} events in transactions of {@code batch} while three
 * consumers receive them, committing every {@code batch}; the rate is events fanned out to all
 * three per second. Each way runs twice, alternating, and the better run counts, so neither gains
 * from the broker's warm-up. The MDBs must be paused, so the bench's consumers are the queues' only
 * ones.
 */
final class FanOutBench {

    /** Events per second each way. */
    record Result(double divertsPerSec, double subscriptionsPerSec) {
        String chosen() {
            return subscriptionsPerSec >= divertsPerSec ? "subscriptions" : "diverts";
        }
    }

    private static final List<String> SUBSCRIPTIONS =
            List.of("FulfilmentEvents", "NotificationEvents", "LedgerEvents");
    private static final String PROBE = "FanOutProbe";

    private final BenchTopology topology;

    FanOutBench(BenchTopology topology) {
        this.topology = topology;
    }

    Result measure(int n, int batch) throws Exception {
        double diverts = 0;
        double subscriptions = 0;
        for (int round = 0; round < 2; round++) {
            diverts = Math.max(diverts, diverts(n, batch));
            subscriptions = Math.max(subscriptions, subscriptions(n, batch));
        }
        return new Result(diverts, subscriptions);
    }

    /** The product's topology: send to OrderEvents, receive from its three subscription queues. */
    private double subscriptions(int n, int batch) throws Exception {
        try (ActiveMQConnectionFactory factory = RelayBench.configured(topology);
                Connection connection = factory.createConnection()) {
            Receivers receivers =
                    Receivers.open(
                            connection,
                            SUBSCRIPTIONS.stream().map(s -> "OrderEvents::" + s).toList());
            return run(
                    connection, ActiveMQJMSClient.createTopic("OrderEvents"), receivers, n, batch);
        }
    }

    /**
     * A probe address whose three non-exclusive diverts copy each message into an anycast queue;
     * removed afterwards.
     */
    private double diverts(int n, int batch) throws Exception {
        try (ActiveMQConnectionFactory factory = RelayBench.configured(topology);
                Connection connection = factory.createConnection()) {
            Receivers receivers =
                    Receivers.open(
                            connection, SUBSCRIPTIONS.stream().map(s -> PROBE + "." + s).toList());
            for (String subscription : SUBSCRIPTIONS) {
                manage(
                        connection,
                        "createDivert",
                        "probe-" + subscription,
                        "probe-" + subscription,
                        PROBE,
                        PROBE + "." + subscription,
                        false,
                        null,
                        null);
            }
            try {
                return run(connection, ActiveMQJMSClient.createTopic(PROBE), receivers, n, batch);
            } finally {
                for (String subscription : SUBSCRIPTIONS) {
                    manage(connection, "destroyDivert", "probe-" + subscription);
                }
            }
        }
    }

    /**
     * One transacted session and consumer per queue, on a started connection; closing closes the
     * sessions.
     */
    record Receivers(List<Session> sessions, List<MessageConsumer> consumers)
            implements AutoCloseable {

        /** What sends while the receivers receive. */
        interface Producer {
            void produce() throws JMSException;
        }

        static Receivers open(Connection connection, List<String> queues) throws JMSException {
            connection.start();
            List<Session> sessions = new ArrayList<>();
            List<MessageConsumer> consumers = new ArrayList<>();
            for (String queue : queues) {
                Session s = connection.createSession(true, Session.SESSION_TRANSACTED);
                sessions.add(s);
                consumers.add(s.createConsumer(ActiveMQJMSClient.createQueue(queue)));
            }
            return new Receivers(sessions, consumers);
        }

        /**
         * Runs {@code producer} while each consumer receives {@code n} messages, committing every
         * {@code batch}; returns when the last of them committed its last ({@link
         * System#nanoTime()}).
         */
        long receiveWhile(Producer producer, int n, int batch) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(consumers.size());
            try {
                List<Future<Long>> done = new ArrayList<>();
                for (int i = 0; i < consumers.size(); i++) {
                    Session session = sessions.get(i);
                    MessageConsumer consumer = consumers.get(i);
                    done.add(pool.submit(() -> receive(session, consumer, n, batch)));
                }
                producer.produce();
                long last = 0;
                for (Future<Long> f : done) {
                    last = Math.max(last, f.get(30, TimeUnit.MINUTES));
                }
                return last;
            } finally {
                pool.shutdownNow();
            }
        }

        @Override
        public void close() throws JMSException {
            for (Session s : sessions) {
                s.close();
            }
        }
    }

    /** Invokes a broker management operation; fails if the broker refuses it. */
    private static void manage(Connection connection, String operation, Object... parameters)
            throws JMSException {
        BrokerManagement.invoke(connection, ResourceNames.BROKER, operation, parameters);
    }

    private static double run(
            Connection connection, Topic topic, Receivers receivers, int n, int batch)
            throws Exception {
        try (receivers) {
            long started = System.nanoTime();
            long last =
                    receivers.receiveWhile(() -> produce(connection, topic, n, batch), n, batch);
            return n / ((last - started) / 1e9);
        }
    }

    /**
     * Receives {@code n} messages, committing every {@code batch}; returns when the last was
     * committed (nanoTime).
     */
    private static long receive(Session session, MessageConsumer consumer, int n, int batch)
            throws JMSException {
        for (int i = 1; i <= n; i++) {
            if (consumer.receive(60_000) == null) {
                throw new IllegalStateException(
                        "fan-out probe: no message within 60 s after " + (i - 1) + " of " + n);
            }
            if (i % batch == 0 || i == n) {
                session.commit();
            }
        }
        return System.nanoTime();
    }

    private static void produce(Connection connection, Topic topic, int n, int batch)
            throws JMSException {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(topic)) {
            for (int i = 0; i < n; i++) {
                String orderId = "fanout-" + i;
                String eventId = EventIds.next();
                TextMessage message =
                        session.createTextMessage(RelayBench.envelope(eventId, orderId));
                RelayBench.headers(message, eventId, orderId);
                producer.send(message);
                if (i % batch == batch - 1) {
                    session.commit();
                }
            }
            session.commit();
        }
    }
}
