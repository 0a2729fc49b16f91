package org.outboxlab.control;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.EventFields;

/**
 * Reads the event ids parked in each consumer's dead-letter queue on the standalone broker, without
 * consuming them.
 */
public final class DeadLetterBrowser {

    /** Each consumer's id (as in the inbox) and its dead-letter queue. */
    public static final Map<String, String> QUEUES =
            Arrays.stream(ConsumerName.values())
                    .collect(
                            Collectors.toUnmodifiableMap(
                                    ConsumerName::id, ConsumerName::deadLetterQueue));

    private DeadLetterBrowser() {}

    /** Event ids per consumer id, browsed from the broker at {@code brokerUrl}. */
    public static Map<String, Set<String>> browse(String brokerUrl, String user, String password) {
        Map<String, Set<String>> parked = new HashMap<>();
        try (ActiveMQConnectionFactory factory =
                        new ActiveMQConnectionFactory(brokerUrl + "?reconnectAttempts=0");
                Connection connection = factory.createConnection(user, password)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (Map.Entry<String, String> queue : QUEUES.entrySet()) {
                Set<String> ids = new HashSet<>();
                try (QueueBrowser browser =
                        session.createBrowser(session.createQueue(queue.getValue()))) {
                    Enumeration<?> messages = browser.getEnumeration();
                    while (messages.hasMoreElements()) {
                        String id =
                                ((Message) messages.nextElement())
                                        .getStringProperty(EventFields.EVENT_ID);
                        if (id != null) {
                            ids.add(id);
                        }
                    }
                }
                parked.put(queue.getKey(), ids);
            }
            return parked;
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "cannot browse the dead-letter queues at " + brokerUrl + ": " + e, e);
        }
    }
}
