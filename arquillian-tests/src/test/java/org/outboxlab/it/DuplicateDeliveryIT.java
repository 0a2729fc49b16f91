package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/** A delivered event sent again changes nothing in any consumer, and each repeat is counted. */
@ExtendWith(ArquillianExtension.class)
public class DuplicateDeliveryIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(DuplicateDeliveryIT.class);
    }

    @Test
    public void sameEventTwiceIsAppliedOnceAndCountedAsDuplicate() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = api.placed("dup", "OUTBOX", "SOCK-1", 4);
        probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
        String eventId = probe.eventIds(orderId).get(0);
        String envelope = envelopeOf(probe, eventId);

        // The same event twice more, as a broker redelivery or a relay re-publish would bring it.
        // No
        // duplicate-detection id is set, so the broker lets both through and only the inbox stands
        // guard.
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/ConnectionFactory");
        Topic orderEvents = (Topic) jndi.lookup("java:/jms/outbox/OrderEvents");
        String marker = java.util.UUID.randomUUID().toString();
        try (JMSContext context = factory.createContext()) {
            for (int i = 0; i < 2; i++) {
                context.createProducer()
                        .setProperty("JMSXGroupID", orderId)
                        .setProperty("probe", marker)
                        .send(orderEvents, envelope);
            }
        }

        for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
            Await.until(
                    consumer + " to absorb two duplicates",
                    Duration.ofSeconds(30),
                    () -> probe.duplicatesAbsorbed(consumer, eventId) == 2,
                    () -> probe.duplicatesAbsorbed(consumer, eventId));
            assertEquals(1, probe.effects(consumer, eventId), consumer + " applied the event once");
        }
        probe.assertEachEffectExactlyOnce(List.of(orderId));
        // absorbed, not refused by the effect tables' key and parked: no copy in any DLQ
        try (JMSContext context = factory.createContext()) {
            for (String dlq : List.of("FulfilmentEvents", "LedgerEvents", "NotificationEvents")) {
                jakarta.jms.Queue queue =
                        (jakarta.jms.Queue) jndi.lookup("java:/jms/outbox/queue/" + dlq + ".DLQ");
                try (jakarta.jms.QueueBrowser browser =
                        context.createBrowser(queue, "probe = '" + marker + "'")) {
                    assertEquals(
                            0,
                            java.util.Collections.list(browser.getEnumeration()).size(),
                            "copies of the repeated event in " + dlq + ".DLQ");
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertEquals(
                1,
                probe.count("select count(*) from ledger_entry where order_id = ?", orderId),
                "one ledger posting for one event");
    }

    /** The event's JSON envelope, rebuilt from its outbox row as the wire contract defines it. */
    static String envelopeOf(OutboxProbe probe, String eventId) {
        String sql = "select %s from outbox_event where event_id = ?";
        return Json.createObjectBuilder()
                .add("eventId", eventId)
                .add(
                        "aggregateType",
                        probe.strings(sql.formatted("aggregate_type"), eventId).get(0))
                .add("aggregateId", probe.strings(sql.formatted("aggregate_id"), eventId).get(0))
                .add("eventType", probe.strings(sql.formatted("event_type"), eventId).get(0))
                .add(
                        "sequence",
                        Integer.parseInt(
                                probe.strings(sql.formatted("sequence_no"), eventId).get(0)))
                .add("schemaVersion", 1)
                .add("occurredAt", java.time.Instant.now().toString())
                .add("writeMode", "OUTBOX")
                .add(
                        "payload",
                        Json.createReader(
                                        new java.io.StringReader(
                                                probe.strings(sql.formatted("payload"), eventId)
                                                        .get(0)))
                                .readObject())
                .build()
                .toString();
    }
}
