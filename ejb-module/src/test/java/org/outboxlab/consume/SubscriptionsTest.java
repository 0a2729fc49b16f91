package org.outboxlab.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.Subscriptions;

/**
 * The subscription queues the broker configuration declares and the ones the MDBs subscribe with
 * are the same: same name, same filter. A difference would not fail a deployment; the resource
 * adapter would silently delete the declared queue, with the events in it, and create its own.
 */
class SubscriptionsTest {

    private static final Path JMS_CONFIG = Path.of("..", "jms-config");

    @Test
    void eachConsumerSubscribesWithTheFilterItsQueueIsDeclaredWith() throws IOException {
        String cli = Files.readString(JMS_CONFIG.resolve("cli/messaging-embedded.cli"));
        String broker = Files.readString(JMS_CONFIG.resolve("artemis/broker-destinations.xml"));
        for (Class<?> mdb :
                new Class<?>[] {
                    FulfilmentConsumer.class, NotificationConsumer.class, LedgerConsumer.class
                }) {
            Map<String, String> activation = activation(mdb);
            String name = activation.get("subscriptionName");
            String selector = activation.get("messageSelector");
            assertEquals(
                    Subscriptions.TOPIC, activation.get("destinationLookup"), mdb.getSimpleName());
            assertEquals("Durable", activation.get("subscriptionDurability"), mdb.getSimpleName());
            assertEquals("true", activation.get("shareSubscriptions"), mdb.getSimpleName());
            assertEquals(Subscriptions.selector(name), selector, mdb.getSimpleName());
            assertTrue(
                    cli.contains(
                            "queue="
                                    + name
                                    + ":add(queue-address=jms.topic.OrderEvents, routing-type=MULTICAST, "
                                    + "durable=true, filter=\""
                                    + selector
                                    + "\")"),
                    "messaging-embedded.cli declares " + name + " with " + selector);
            assertTrue(
                    broker.replaceAll("\\s+", " ")
                            .contains(
                                    "<queue name=\""
                                            + name
                                            + "\"> <filter string=\""
                                            + selector
                                            + "\"/>"),
                    "broker-destinations.xml declares " + name + " with " + selector);
        }
    }

    @Test
    void eachConsumersDeadLettersReachItsOwnDeadLetterQueue() throws IOException {
        String cli = Files.readString(JMS_CONFIG.resolve("cli/messaging-embedded.cli"));
        String broker =
                Files.readString(JMS_CONFIG.resolve("artemis/broker-destinations.xml"))
                        .replaceAll("\\s+", " ");
        for (ConsumerName consumer : ConsumerName.values()) {
            String queue = consumer.queue();
            assertTrue(
                    cli.contains(
                            ":add(divert-address=OrderEvents.DLA, forwarding-address=jms.queue."
                                    + queue
                                    + ".DLQ, "
                                    + "filter=\"_AMQ_ORIG_QUEUE = '"
                                    + queue
                                    + "'\", exclusive=true)"),
                    "messaging-embedded.cli: dead letters of " + queue);
            assertTrue(
                    broker.contains(
                            "<address>OrderEvents.DLA</address> <forwarding-address>"
                                    + queue
                                    + ".DLQ</forwarding-address> "
                                    + "<filter string=\"_AMQ_ORIG_QUEUE = '"
                                    + queue
                                    + "'\"/>"),
                    "broker-destinations.xml: dead letters of " + queue);
        }
        assertTrue(
                cli.contains(
                        "address-setting=jms.topic.OrderEvents:add(dead-letter-address=OrderEvents.DLA"),
                cli);
        assertTrue(
                broker.contains(
                        "<address-setting match=\"OrderEvents\"> <dead-letter-address>OrderEvents.DLA</dead-letter-address>"),
                "broker-destinations.xml: OrderEvents dead-letters to OrderEvents.DLA");
    }

    @Test
    void consumerNamesAreTheSubscriptionsAndNameTheirEffectTables() {
        assertEquals(Subscriptions.FULFILMENT, ConsumerName.FULFILMENT.queue());
        assertEquals(Subscriptions.NOTIFICATION, ConsumerName.NOTIFICATION.queue());
        assertEquals(Subscriptions.LEDGER, ConsumerName.LEDGER.queue());
        for (ConsumerName consumer : ConsumerName.values()) {
            assertEquals(
                    consumer.effectTable(),
                    Effects.typeOf(consumer).getAnnotation(jakarta.persistence.Table.class).name(),
                    consumer + "'s effect entity is mapped to the table the lab audits");
        }
    }

    private static Map<String, String> activation(Class<?> mdb) {
        return Arrays.stream(mdb.getAnnotation(MessageDriven.class).activationConfig())
                .collect(
                        Collectors.toMap(
                                ActivationConfigProperty::propertyName,
                                ActivationConfigProperty::propertyValue));
    }
}
