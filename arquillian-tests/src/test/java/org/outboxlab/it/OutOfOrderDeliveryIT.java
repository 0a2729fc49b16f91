package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * An order's later event delivered before its earlier one (as a broker redelivery with a delay
 * does) is held by each consumer and applied only after the earlier one, so every consumer's
 * effects follow the order's sequence.
 */
@ExtendWith(ArquillianExtension.class)
public class OutOfOrderDeliveryIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(OutOfOrderDeliveryIT.class);
    }

    @Test
    public void laterEventWaitsForTheEarlierOne() throws NamingException {
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = UUID.randomUUID().toString();
        String placed = UUID.randomUUID().toString();
        String paid = UUID.randomUUID().toString();

        send(orderId, envelope(paid, orderId, "OrderPaid", 2, "PAID"));
        for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
            Await.until(
                    consumer + " to hold the early OrderPaid",
                    Duration.ofSeconds(30),
                    () ->
                            probe.count(
                                            "select count(*) from held_event where consumer = ? and event_id = ?",
                                            consumer,
                                            paid)
                                    == 1,
                    () -> probe.count("select count(*) from held_event where event_id = ?", paid));
        }
        assertEquals(
                0, probe.effectsOfOrder(orderId), "nothing applied while sequence 1 is missing");

        send(orderId, envelope(placed, orderId, "OrderPlaced", 1, "PLACED"));
        Await.until(
                "both events applied by every consumer",
                Duration.ofSeconds(30),
                () -> probe.effectsOfOrder(orderId) == 6,
                () -> probe.effectsOfOrder(orderId));
        for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
            assertEquals(
                    List.of(1, 2),
                    probe.appliedSequence(consumer, orderId),
                    consumer + " applied in sequence, by applied_at and id");
        }
        assertEquals(
                0,
                probe.count("select count(*) from held_event where order_id = ?", orderId),
                "nothing left held");
    }

    private static void send(String orderId, String envelope) throws NamingException {
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/ConnectionFactory");
        Topic orderEvents = (Topic) jndi.lookup("java:/jms/outbox/OrderEvents");
        try (JMSContext context = factory.createContext()) {
            context.createProducer()
                    .setProperty("JMSXGroupID", orderId)
                    .send(orderEvents, envelope);
        }
    }

    private static String envelope(
            String eventId, String orderId, String type, int sequence, String status) {
        return Json.createObjectBuilder()
                .add("eventId", eventId)
                .add("aggregateType", "Order")
                .add("aggregateId", orderId)
                .add("eventType", type)
                .add("sequence", sequence)
                .add("schemaVersion", 1)
                .add("occurredAt", Instant.now().toString())
                .add("writeMode", "OUTBOX")
                .add(
                        "payload",
                        Json.createObjectBuilder()
                                .add("orderId", orderId)
                                .add("customerId", "out-of-order")
                                .add("status", status)
                                .add("totalCents", 1200))
                .build()
                .toString();
    }
}
