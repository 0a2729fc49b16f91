package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.broker.BrokerLogin;
import org.outboxlab.broker.EventMessages;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.EventTypes;
import org.outboxlab.contract.Partitions;
import org.outboxlab.outbox.PendingEvent;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * A message a node sends under a lease it has lost (its partition's epoch lower than one the
 * consumer already applied for the order) is counted on the order's progress row, whether it is a
 * copy of an applied event or the next event in line, and takes effect at most once. The messages
 * are sent to the topic as the relay sends them, tagged with their epoch.
 */
@ExtendWith(ArquillianExtension.class)
public class StaleEpochPostgresIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(StaleEpochPostgresIT.class);
    }

    @Test
    public void deliveriesFromALowerEpochAreCountedAndTakeEffectOnce() throws Exception {
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = UUID.randomUUID().toString();
        PendingEvent placed = event(EventIds.next(), orderId, EventTypes.ORDER_PLACED, 1);
        PendingEvent paid = event(EventIds.next(), orderId, EventTypes.ORDER_PAID, 2);
        send(placed, 2, false);
        awaitApplied(probe, orderId, 1);

        send(placed, 1, true); // a copy of an applied event from the node that lost the lease
        send(paid, 1, false); // the next event, from that node too
        awaitApplied(probe, orderId, 2);
        Await.until(
                "every consumer to see the stale copy",
                Duration.ofSeconds(30),
                () ->
                        ConsumerName.values().length
                                == probe.count(
                                        "select count(*) from inbox where event_id = ? and duplicates = 1",
                                        placed.eventId()),
                () ->
                        probe.count(
                                "select count(*) from inbox where event_id = ?", placed.eventId()));

        for (ConsumerName consumer : ConsumerName.values()) {
            assertEquals(1, probe.effects(consumer.id(), placed.eventId()), consumer.id());
            assertEquals(1, probe.effects(consumer.id(), paid.eventId()), consumer.id());
        }
        assertEquals(
                2L * ConsumerName.values().length,
                probe.count(
                        "select coalesce(sum(stale), 0) from consumer_progress where order_id = ?",
                        orderId),
                "each consumer counted both deliveries from the lower epoch");
    }

    private static void awaitApplied(OutboxProbe probe, String orderId, int sequence) {
        Await.until(
                "every consumer to apply sequence " + sequence,
                Duration.ofSeconds(30),
                () ->
                        probe.count(
                                        "select count(*) from consumer_progress where order_id = ?"
                                                + " and last_sequence = ?",
                                        orderId,
                                        sequence)
                                == ConsumerName.values().length,
                () ->
                        probe.strings(
                                "select concat(consumer, ':', last_sequence) from"
                                        + " consumer_progress where order_id = ?",
                                orderId));
    }

    private static PendingEvent event(String eventId, String orderId, String type, int sequence) {
        return new PendingEvent(
                eventId,
                "Order",
                orderId,
                type,
                sequence,
                1,
                Instant.now(),
                "{\"orderId\":\""
                        + orderId
                        + "\",\"customerId\":\"stale-epoch\",\"status\":\""
                        + (sequence == 1 ? "PLACED" : "PAID")
                        + "\","
                        + "\"totalCents\":100,\"lines\":[{\"sku\":\"LAMP-1\",\"quantity\":1,"
                        + "\"unitPriceCents\":100}]}",
                null,
                "OUTBOX",
                Partitions.of(orderId));
    }

    /**
     * Sends {@code event} as the relay does, tagged with {@code epoch}; a {@code copy} passes the
     * broker's duplicate detection.
     */
    private static void send(PendingEvent event, long epoch, boolean copy) throws Exception {
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory =
                (ConnectionFactory) jndi.lookup("java:/jms/outbox/RelayConnectionFactory");
        Topic topic = (Topic) jndi.lookup("java:/jms/outbox/OrderEvents");
        try (Connection connection =
                        CDI.current().select(BrokerLogin.class).get().connection(factory);
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(topic);
            TextMessage message =
                    EventMessages.withEpoch(
                            EventMessages.withHeaders(
                                    session.createTextMessage(EventMessages.envelope(event)),
                                    event),
                            epoch);
            producer.send(copy ? EventMessages.republished(message) : message);
            session.commit();
        }
    }
}
