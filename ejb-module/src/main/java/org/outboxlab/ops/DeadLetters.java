package org.outboxlab.ops;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.EnumMap;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.outboxlab.broker.BrokerLogin;
import org.outboxlab.contract.ConsumerName;

/**
 * Counts the messages waiting in each consumer's dead-letter queue from the broker's own count (the
 * client's queue query: one round trip per queue, whatever the depth, and no management
 * permission), so the dashboard and the gauges stay fast with a hundred thousand dead letters.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetters {

    @Resource(lookup = "java:/jms/outbox/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject BrokerLogin login;

    /**
     * The depth of each consumer's dead-letter queue over one connection; all -1 if the broker
     * cannot be reached.
     */
    public Map<ConsumerName, Long> depths() {
        Map<ConsumerName, Long> depths = new EnumMap<>(ConsumerName.class);
        try (Connection connection = login.connection(connectionFactory);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            ClientSession core = ((ActiveMQSession) session).getCoreSession();
            for (ConsumerName consumer : ConsumerName.values()) {
                ClientSession.QueueQuery query =
                        core.queueQuery(((ActiveMQDestination) queue(consumer)).getSimpleAddress());
                depths.put(consumer, query.isExists() ? query.getMessageCount() : 0L);
            }
        } catch (JMSException | JMSRuntimeException | ActiveMQException e) {
            for (ConsumerName consumer : ConsumerName.values()) {
                depths.put(consumer, -1L);
            }
        }
        return depths;
    }

    /** The JNDI-bound dead-letter queue of {@code consumer}. */
    static Queue queue(ConsumerName consumer) {
        String name = "java:/jms/outbox/queue/" + consumer.queue() + ".DLQ";
        try {
            return (Queue) new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no dead-letter queue bound at " + name, e);
        }
    }
}
