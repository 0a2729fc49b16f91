package org.outboxlab.ops;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.outboxlab.broker.BrokerLogin;
import org.outboxlab.broker.EventMessages;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.EventFields;
import org.outboxlab.contract.Subscriptions;

/**
 * Lists, replays and discards the messages in the consumers' dead-letter queues. A replay takes the
 * message off the dead-letter queue and publishes it again for its consumer's subscription alone,
 * in one JTA transaction (through {@code java:/JmsXA}), so it is moved exactly once or not at all;
 * the consumer's inbox makes a replayed event that was already applied change nothing.
 */
@Stateless
public class DeadLetterQueues {

    /** Longest body shown for one message. */
    static final int MAX_BODY = 16_000;

    @Resource(lookup = "java:/jms/outbox/RelayConnectionFactory")
    ConnectionFactory browseFactory;

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory transactedFactory;

    @Inject BrokerLogin login;

    /**
     * Up to {@code max} messages of {@code consumer}'s dead-letter queue, oldest first; nothing is
     * consumed.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<DeadLetter> browse(ConsumerName consumer, int max) {
        List<DeadLetter> letters = new ArrayList<>();
        try (JMSContext context = login.context(browseFactory);
                QueueBrowser browser = context.createBrowser(deadLetterQueue(consumer))) {
            for (Enumeration<?> e = browser.getEnumeration();
                    e.hasMoreElements() && letters.size() < max; ) {
                letters.add(describe((Message) e.nextElement()));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        return letters;
    }

    /**
     * Moves the message back to {@code consumer}'s queue; {@code false} if it is no longer in the
     * dead-letter queue.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean replay(ConsumerName consumer, String messageId) {
        try (JMSContext context = transactedFactory.createContext()) {
            Message message = take(context, consumer, messageId);
            if (message == null) {
                return false;
            }
            if (!(message instanceof TextMessage text)) {
                throw new IllegalArgumentException(
                        messageId
                                + " is not a text message: only events can be replayed; discard it");
            }
            resend(context, consumer, text);
            return true;
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /**
     * How many messages of {@code consumer}'s dead-letter queue are of {@code eventType} (any type
     * if null), counted by browsing: the most a bulk action over them needs to look at.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long count(ConsumerName consumer, String eventType) {
        long n = 0;
        try (JMSContext context = login.context(browseFactory);
                QueueBrowser browser =
                        context.createBrowser(deadLetterQueue(consumer), selector(eventType))) {
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); n++) {
                e.nextElement();
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        return n;
    }

    /**
     * Takes up to {@code max} messages of {@code eventType} (any if null) from the head of {@code
     * consumer}'s dead-letter queue in one transaction: with {@code replay} each event goes back to
     * the consumer's queue as {@link #replay} sends it, else it is removed for good. A message that
     * is not an event (not a text message) is never replayed: it goes back to the end of the
     * dead-letter queue, for a discard to remove. Returns what was done.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Batch takeBatch(ConsumerName consumer, String eventType, int max, boolean replay) {
        int moved = 0;
        int kept = 0;
        try (JMSContext context = transactedFactory.createContext();
                JMSConsumer receiver =
                        context.createConsumer(deadLetterQueue(consumer), selector(eventType))) {
            for (int i = 0; i < max; i++) {
                Message message = receiver.receive(i == 0 ? 2_000 : 500);
                if (message == null) {
                    break;
                }
                if (!replay) {
                    moved++;
                } else if (message instanceof TextMessage text) {
                    resend(context, consumer, text);
                    moved++;
                } else {
                    context.createProducer().send(deadLetterQueue(consumer), message);
                    kept++;
                }
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        return new Batch(moved, kept);
    }

    /**
     * One batch of a bulk action: messages replayed or discarded, and those left in the dead-letter
     * queue (not events).
     */
    public record Batch(int moved, int kept) {}

    /** A JMS selector for {@code eventType}, or none; refuses what is not an event type's name. */
    static String selector(String eventType) {
        if (eventType == null) {
            return null;
        }
        if (!eventType.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(
                    "eventType must be an event type's name (letters, digits, '_', '.', '-'): "
                            + eventType);
        }
        return EventFields.EVENT_TYPE + " = '" + eventType + "'";
    }

    /** Sends {@code message} to the topic for {@code consumer}'s subscription alone. */
    private static void resend(JMSContext context, ConsumerName consumer, TextMessage message)
            throws JMSException {
        JMSProducer producer = context.createProducer();
        for (String name :
                Collections.list((Enumeration<?>) message.getPropertyNames()).stream()
                        .map(String::valueOf)
                        .toList()) {
            // Broker bookkeeping (_AMQ_*, JMSX*) stays behind: the inbox, not duplicate
            // detection, decides whether a replayed event is applied again.
            if (!name.startsWith("_AMQ") && !name.startsWith("JMSX")) {
                producer.setProperty(name, message.getObjectProperty(name));
            }
        }
        String group = message.getStringProperty(EventMessages.GROUP_ID);
        if (group != null) {
            producer.setProperty(EventMessages.GROUP_ID, group);
        }
        // To the topic, for this consumer's subscription only (its queue's filter admits replayTo).
        producer.setProperty(Subscriptions.REPLAY_TO, consumer.queue());
        producer.send(orderEvents(), message.getText());
    }

    /** Removes the message for good; {@code false} if it is no longer in the dead-letter queue. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean discard(ConsumerName consumer, String messageId) {
        try (JMSContext context = transactedFactory.createContext()) {
            return take(context, consumer, messageId) != null;
        }
    }

    private static Message take(JMSContext context, ConsumerName consumer, String messageId) {
        if (messageId == null || !messageId.matches("ID:[A-Za-z0-9-]{1,80}")) {
            return null;
        }
        try (JMSConsumer receiver =
                context.createConsumer(
                        deadLetterQueue(consumer), "JMSMessageID = '" + messageId + "'")) {
            return receiver.receive(2_000);
        }
    }

    private static DeadLetter describe(Message message) throws JMSException {
        String body =
                message instanceof TextMessage text
                        ? text.getText()
                        : "(" + message.getClass().getSimpleName() + ", not a text message)";
        if (body != null && body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY) + "…";
        }
        long sent = message.getJMSTimestamp();
        return new DeadLetter(
                message.getJMSMessageID(),
                message.getStringProperty(EventFields.EVENT_ID),
                message.getStringProperty(EventFields.EVENT_TYPE),
                message.getStringProperty(EventFields.AGGREGATE_ID),
                sent == 0 ? null : Instant.ofEpochMilli(sent),
                body);
    }

    private static Queue deadLetterQueue(ConsumerName consumer) {
        return lookup(consumer.queue() + ".DLQ");
    }

    private static Topic orderEvents() {
        try {
            return (Topic) new InitialContext().lookup(Subscriptions.TOPIC);
        } catch (NamingException e) {
            throw new IllegalStateException("no topic bound at " + Subscriptions.TOPIC, e);
        }
    }

    private static Queue lookup(String queue) {
        String name = "java:/jms/outbox/queue/" + queue;
        try {
            return (Queue) new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no queue bound at " + name, e);
        }
    }
}
