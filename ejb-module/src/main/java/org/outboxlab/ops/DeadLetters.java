package org.outboxlab.ops;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.outboxlab.consume.ConsumerName;
import org.outboxlab.relay.BrokerLogin;

/** Counts the messages waiting in each consumer's dead-letter queue, by browsing it (nothing is consumed). */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetters {

    /** Browsing stops here: a larger queue reports this number. */
    static final int MAX_COUNTED = 100_000;

    @Resource(lookup = "java:/jms/outbox/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject
    BrokerLogin login;

    /** The depth of each consumer's dead-letter queue over one connection; all -1 if the broker cannot be reached. */
    public Map<ConsumerName, Long> depths() {
        Map<ConsumerName, Long> depths = new EnumMap<>(ConsumerName.class);
        try (JMSContext context = login.context(connectionFactory)) {
            for (ConsumerName consumer : ConsumerName.values()) {
                try (QueueBrowser browser = context.createBrowser(queue(consumer))) {
                    long n = 0;
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && n < MAX_COUNTED; e.nextElement()) {
                        n++;
                    }
                    depths.put(consumer, n);
                }
            }
        } catch (JMSException | JMSRuntimeException e) {
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
