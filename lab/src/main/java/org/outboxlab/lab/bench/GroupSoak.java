package org.outboxlab.lab.bench;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.outboxlab.contract.EventIds;
import org.outboxlab.control.BrokerManagement;
import org.outboxlab.control.Command;

/**
 * The broker's message-group state under many orders: {@code n} events of {@code n} distinct orders
 * (one group each) through the product's {@code OrderEvents} subscriptions, twice: as orders that
 * stay open (no group is closed) and as orders whose event is their last ({@code JMSXGroupSeq =
 * -1}, as the relay sends an {@code OrderShipped} or {@code OrderCancelled}). After each, with its
 * consumers still open, the groups the fulfilment queue holds and the broker's heap in use after a
 * full GC ({@code jcmd}). The MDBs must be paused, so the soak's consumers are the queues' only
 * ones.
 */
final class GroupSoak {

    /**
     * Groups held and heap in use (MiB, after GC): before; after the open orders and after the
     * closing ones through the product's subscriptions; and after open orders through a queue with
     * the broker's defaults (no buckets, as WildFly's embedded broker has), the state the product
     * had before.
     */
    record Result(
            long groupsOpen,
            long groupsClosing,
            long groupsUnbounded,
            long heapBeforeMiB,
            long heapOpenMiB,
            long heapClosingMiB,
            long heapUnboundedMiB,
            double eventsPerSec) {}

    private static final List<String> SUBSCRIPTIONS =
            List.of("FulfilmentEvents", "NotificationEvents", "LedgerEvents");

    /** An anycast queue the broker creates with its defaults: no group buckets. */
    private static final String PROBE = "GroupSoakProbe";

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final BenchTopology topology;

    GroupSoak(BenchTopology topology) {
        this.topology = topology;
    }

    Result measure(int n, int batch) throws Exception {
        try (ActiveMQConnectionFactory factory = RelayBench.configured(topology);
                Connection connection = factory.createConnection()) {
            long heapBefore = heapAfterGcMiB();
            long started = System.nanoTime();
            long[] open = run(connection, n, batch, false, false);
            double rate = n / ((System.nanoTime() - started) / 1e9);
            long[] closing = run(connection, n, batch, true, false);
            long[] unbounded;
            try {
                unbounded = run(connection, n, batch, false, true);
            } finally {
                BrokerManagement.invoke(connection, "broker", "destroyQueue", PROBE, true, true);
            }
            return new Result(
                    open[0],
                    closing[0],
                    unbounded[0],
                    heapBefore,
                    open[1],
                    closing[1],
                    unbounded[1],
                    rate);
        }
    }

    private static long groups(Connection connection, String queue) throws JMSException {
        return ((Number) BrokerManagement.attribute(connection, "queue." + queue, "groupCount"))
                .longValue();
    }

    /**
     * The broker's heap in use after a full collection, read with {@code jcmd} (same user, same
     * machine).
     */
    private long heapAfterGcMiB() throws IOException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = Long.toString(topology.brokerPid());
        Command.run(java.util.Map.of(), 60, jcmd, pid, "GC.run");
        Command.Result info = Command.run(java.util.Map.of(), 60, jcmd, pid, "GC.heap_info");
        Matcher m = USED.matcher(info.output());
        if (!m.find()) {
            throw new IllegalStateException("no heap reading from jcmd: " + info.output());
        }
        return Long.parseLong(m.group(1)) / 1024;
    }

    /**
     * Sends and receives the {@code n} events; returns the groups the fulfilment queue holds and
     * the broker's heap after GC, read while the consumers are still open (closing a consumer drops
     * the groups it held, which an MDB's long-lived consumer never does).
     */
    private long[] run(Connection connection, int n, int batch, boolean closing, boolean probe)
            throws Exception {
        List<String> queues =
                probe
                        ? List.of(PROBE)
                        : SUBSCRIPTIONS.stream().map(q -> "OrderEvents::" + q).toList();
        Destination to =
                probe
                        ? ActiveMQJMSClient.createQueue(PROBE)
                        : ActiveMQJMSClient.createTopic("OrderEvents");
        try (FanOutBench.Receivers receivers = FanOutBench.Receivers.open(connection, queues)) {
            receivers.receiveWhile(() -> produce(connection, to, n, batch, closing), n, batch);
            return new long[] {
                groups(connection, probe ? PROBE : "FulfilmentEvents"), heapAfterGcMiB()
            };
        }
    }

    private static void produce(
            Connection connection, Destination to, int n, int batch, boolean closing)
            throws JMSException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(to)) {
            for (int i = 0; i < n; i++) {
                String orderId = "soak-" + run + "-" + i;
                String eventId = EventIds.next();
                TextMessage message =
                        session.createTextMessage(RelayBench.envelope(eventId, orderId));
                RelayBench.headers(message, eventId, orderId);
                if (closing) {
                    message.setIntProperty("JMSXGroupSeq", -1);
                }
                producer.send(message);
                if (i % batch == batch - 1) {
                    session.commit();
                }
            }
            session.commit();
        }
    }
}
