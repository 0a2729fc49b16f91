package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.Subscriptions;
import org.outboxlab.ops.DeadLetters;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * A poison message goes to its consumer's dead-letter queue after bounded retries, and other orders
 * keep flowing.
 */
@ExtendWith(ArquillianExtension.class)
public class DeadLetterIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(DeadLetterIT.class);
    }

    @Test
    public void poisonMessageIsDeadLetteredWithoutStallingOtherOrders() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/ConnectionFactory");
        Topic orderEvents = (Topic) jndi.lookup(Subscriptions.TOPIC);
        Queue deadLetters = (Queue) jndi.lookup("java:/jms/outbox/queue/FulfilmentEvents.DLQ");
        Queue otherDeadLetters = (Queue) jndi.lookup("java:/jms/outbox/queue/LedgerEvents.DLQ");
        String marker = UUID.randomUUID().toString();
        long inboxBefore = probe.count("select count(*) from inbox");

        try (JMSContext context = factory.createContext()) {
            // Addressed to the fulfilment subscription alone, as a replay from its dead-letter
            // queue is.
            context.createProducer()
                    .setProperty("poison", marker)
                    .setProperty(Subscriptions.REPLAY_TO, Subscriptions.FULFILMENT)
                    .send(orderEvents, "{\"this is\": \"not an order event\"}");
            String orderId = api.placed("after-poison", "OUTBOX", "CABLE-1", 2);

            probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
            probe.assertEachEffectExactlyOnce(List.of(orderId));
            Await.until(
                    "the poison message in FulfilmentEvents.DLQ",
                    Duration.ofSeconds(30),
                    () -> browse(context, deadLetters, marker) == 1,
                    () -> browse(context, deadLetters, marker));
            assertEquals(
                    0,
                    browse(context, otherDeadLetters, marker),
                    "a message addressed to one subscription reached no other consumer");
            assertEquals(
                    inboxBefore + 3,
                    probe.count("select count(*) from inbox"),
                    "the poison message wrote nothing; the order wrote one inbox row per consumer");
            DeadLetters counts =
                    (DeadLetters)
                            jndi.lookup(
                                    "java:global/outbox/outbox-ejb/DeadLetters!"
                                            + DeadLetters.class.getName());
            assertEquals(
                    browseAll(context, deadLetters),
                    counts.depths().get(ConsumerName.FULFILMENT),
                    "the broker's count of the dead-letter queue is what a browse finds");
            context.createConsumer(deadLetters, "poison = '" + marker + "'").receive(5_000);
        }
    }

    private static long browseAll(JMSContext context, Queue queue) {
        try (QueueBrowser browser = context.createBrowser(queue)) {
            return Collections.list(browser.getEnumeration()).size();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int browse(JMSContext context, Queue queue, String marker) {
        try (QueueBrowser browser = context.createBrowser(queue, "poison = '" + marker + "'")) {
            return Collections.list(browser.getEnumeration()).size();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
