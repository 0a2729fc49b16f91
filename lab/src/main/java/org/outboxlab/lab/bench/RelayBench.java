package org.outboxlab.lab.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.Partitions;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.control.ConsumerDelivery;

/**
 * The relay against a raw Artemis producer: a backlog of committed outbox rows is inserted at once
 * (consumers paused, so only the relay works), and the relay's drain rate is read from the rows'
 * publish times; the raw producer sends messages of the same shape, in transactions of the same
 * size, to the same broker address.
 */
final class RelayBench {

    private final BenchTopology topology;

    RelayBench(BenchTopology topology) {
        this.topology = topology;
    }

    /**
     * Stops the three MDBs' delivery (WildFly's EJB subsystem operation); messages wait in their
     * queues.
     */
    void pauseConsumers() {
        topology.cli(ConsumerDelivery.stop());
    }

    /** Starts the three MDBs' delivery again. */
    void resumeConsumers() {
        topology.cli(ConsumerDelivery.start());
    }

    /**
     * Waits (at most 5 minutes) until no outbox row is pending, so one measurement's work does not
     * bleed into the next.
     */
    void awaitRelayDrained() throws SQLException, InterruptedException {
        try (java.sql.Connection db = topology.database();
                Statement s = db.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rs =
                        s.executeQuery(
                                "select count(*) from outbox_event where status = 'PENDING'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Inserts {@code n} pending events in one transaction and returns the relay's drain rate
     * (events/s).
     */
    double drain(String run, int n) throws SQLException, InterruptedException {
        return drain(run, n, true);
    }

    /**
     * As {@link #drain(String, int)}, with rows as the write path stores them ({@code
     * storedBodies}, their message bodies written with them) or as rows written before bodies were
     * stored, whose bodies the relay builds as it publishes.
     */
    double drain(String run, int n, boolean storedBodies)
            throws SQLException, InterruptedException {
        try (java.sql.Connection db = topology.database()) {
            insertBacklog(db, run, n, storedBodies);
            return drainRate(db, run, n);
        }
    }

    /**
     * Inserts {@code n} pending OrderPlaced events of orders {@code run-0 … run-(n-1)} in one
     * transaction, each in its order's relay partition, with its message body as the write path
     * stores it.
     */
    static void insertBacklog(java.sql.Connection db, String run, int n) throws SQLException {
        insertBacklog(db, run, n, true);
    }

    private static void insertBacklog(
            java.sql.Connection db, String run, int n, boolean storedBodies) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement insert =
                db.prepareStatement(
                        "insert into outbox_event (event_id, aggregate_type, "
                                + "aggregate_id, event_type, sequence_no, schema_version, occurred_at, payload, trace_parent, write_mode, "
                                + "status, attempts, partition_no, message_body) values (?, 'Order', ?, 'OrderPlaced', 1, 1, ?, ?, null, 'OUTBOX', 'PENDING', 0, ?, ?)")) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (int i = 0; i < n; i++) {
                String orderId = run + "-" + i;
                String eventId = EventIds.next();
                insert.setString(1, eventId);
                insert.setString(2, orderId);
                insert.setTimestamp(3, now);
                insert.setString(4, payload(orderId));
                insert.setInt(5, Partitions.of(orderId));
                insert.setString(6, storedBodies ? envelope(eventId, orderId) : null);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
    }

    /**
     * Waits (at most 10 minutes) until the run's {@code n} events are published; returns events/s
     * from the first publish to the last.
     */
    static double drainRate(java.sql.Connection db, String run, int n)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (BenchTopology.countLike(
                        db,
                        "select count(*) from outbox_event where aggregate_id like ? and status = 'PENDING'",
                        run + "-")
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the relay did not drain " + n + " events within 10 minutes");
            }
            Thread.sleep(200);
        }
        try (PreparedStatement span =
                db.prepareStatement(
                        "select extract(epoch from max(published_at) - min(published_at)) "
                                + "from outbox_event where aggregate_id like ?")) {
            span.setString(1, run + "-%");
            try (ResultSet rs = span.executeQuery()) {
                rs.next();
                return n / Math.max(rs.getDouble(1), 0.001);
            }
        }
    }

    /**
     * Sends {@code n} messages like the relay's, committing every {@code batchSize}; returns
     * messages/s.
     */
    double rawProducer(String run, int n, int batchSize) throws JMSException {
        try (ActiveMQConnectionFactory factory = configured(topology);
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer =
                    session.createProducer(ActiveMQJMSClient.createTopic("OrderEvents"));
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String orderId = run + "-" + i;
                String eventId = EventIds.next();
                TextMessage message = session.createTextMessage(envelope(eventId, orderId));
                headers(message, eventId, orderId);
                producer.send(message);
                if (i % batchSize == batchSize - 1) {
                    session.commit();
                }
            }
            session.commit();
            return n / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** The headers the relay sets on an OrderPlaced event. */
    static void headers(TextMessage message, String eventId, String orderId) throws JMSException {
        message.setStringProperty("_AMQ_DUPL_ID", eventId);
        message.setStringProperty("JMSXGroupID", orderId);
        message.setStringProperty("eventId", eventId);
        message.setStringProperty("eventType", "OrderPlaced");
        message.setStringProperty("aggregateId", orderId);
        message.setIntProperty("sequence", 1);
        message.setStringProperty("writeMode", WriteMode.OUTBOX.name());
    }

    /**
     * A factory set up as the relay's in WildFly is: durable sends block, no reconnection; it logs
     * in as the broker's administrator, since the benchmark also makes and removes probe addresses.
     */
    static ActiveMQConnectionFactory configured(BenchTopology topology) {
        ActiveMQConnectionFactory factory = topology.brokerAdminFactory();
        factory.setBlockOnDurableSend(true);
        factory.setReconnectAttempts(0);
        return factory;
    }

    static long outboxRows(BenchTopology topology) throws SQLException {
        try (java.sql.Connection db = topology.database();
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String payload(String orderId) {
        return "{\"orderId\":\""
                + orderId
                + "\",\"customerId\":\"bench\",\"status\":\"PLACED\",\"totalCents\":4500,"
                + "\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1,\"unitPriceCents\":4500}]}";
    }

    static String envelope(String eventId, String orderId) {
        return "{\"eventId\":\""
                + eventId
                + "\",\"aggregateType\":\"Order\",\"aggregateId\":\""
                + orderId
                + "\",\"eventType\":\"OrderPlaced\",\"sequence\":1,\"schemaVersion\":1,\"occurredAt\":\""
                + java.time.Instant.now()
                + "\",\"traceparent\":\"\",\"writeMode\":\""
                + WriteMode.OUTBOX.name()
                + "\",\"payload\":"
                + payload(orderId)
                + "}";
    }
}
