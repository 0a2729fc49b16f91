package org.outboxlab.broker;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.outboxlab.contract.ConsumerName;

/**
 * Whether every consumer's subscription queue is bound to {@code OrderEvents}. The broker routes a
 * topic message to the queues bound at that moment and drops the copy of a consumer whose queue is
 * missing, without telling the sender; so nothing may be published while a route is missing. The
 * relay asks before each batch, over its own session ({@link #check(Session)}); the direct senders
 * (XA, NAIVE) read the last answer ({@link #requireAll()}), refreshed by the relay and by the
 * gauges' timer. Asked with the client's address query, which needs no management permission. The
 * start and the end of a missing route are logged once each, the start as an error: an operator
 * must restore the queue (see {@code jms-config}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventRoutes {

    private static final Logger LOG = Logger.getLogger(EventRoutes.class.getName());
    private static final Set<String> EXPECTED =
            Arrays.stream(ConsumerName.values())
                    .map(ConsumerName::queue)
                    .collect(Collectors.toCollection(LinkedHashSet::new));

    @Resource(lookup = "java:/jms/outbox/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/outbox/OrderEvents")
    Topic orderEvents;

    @Inject BrokerLogin login;

    private volatile Set<String> missing = Set.of();

    /**
     * Asks the broker over {@code session} which subscription queues are missing from {@code
     * OrderEvents}, records the answer and fails if any is.
     *
     * @throws RouteMissingException if a consumer's queue is not bound
     * @throws JMSException if the broker could not be asked
     */
    public void check(Session session) throws JMSException {
        record(missingOn(session));
        requireAll();
    }

    /**
     * Refreshes the answer over a connection of its own (the gauges' timer); the broker unreachable
     * leaves it as it was.
     */
    public void refresh() {
        try (Connection connection = login.connection(connectionFactory);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            record(missingOn(session));
        } catch (JMSException | RuntimeException e) {
            LOG.fine(() -> "routes of OrderEvents not checked: " + e);
        }
    }

    /** Fails if the last answer found a consumer's queue missing. */
    public void requireAll() {
        Set<String> now = missing;
        if (!now.isEmpty()) {
            throw new RouteMissingException(describe(now));
        }
    }

    /** The subscription queues missing from {@code OrderEvents} in the last answer. */
    public Set<String> missing() {
        return missing;
    }

    private Set<String> missingOn(Session session) throws JMSException {
        if (!(session instanceof ActiveMQSession artemis)) {
            return Set.of(); // not an Artemis client: nothing to ask
        }
        ClientSession core = artemis.getCoreSession();
        SimpleString address = ((ActiveMQDestination) orderEvents).getSimpleAddress();
        try {
            ClientSession.AddressQuery query = core.addressQuery(address);
            Set<String> bound =
                    query.isExists()
                            ? query.getQueueNames().stream()
                                    .map(SimpleString::toString)
                                    .collect(Collectors.toSet())
                            : Set.of();
            Set<String> absent = new LinkedHashSet<>(EXPECTED);
            absent.removeAll(bound);
            return Set.copyOf(absent);
        } catch (ActiveMQException e) {
            JMSException failure =
                    new JMSException("address query of " + address + " failed: " + e.getMessage());
            failure.setLinkedException(e);
            throw failure;
        }
    }

    private synchronized void record(Set<String> now) {
        if (now.equals(missing)) {
            return;
        }
        if (!now.isEmpty()) {
            LOG.severe(
                    describe(now)
                            + "; nothing is published until an operator restores the queue (jms-config)");
        } else {
            LOG.info("every consumer's queue is bound to OrderEvents again; publishing resumes");
        }
        missing = now;
    }

    private static String describe(Set<String> absent) {
        return "OrderEvents has no subscription queue "
                + String.join(", ", absent)
                + ": an event published now would never reach "
                + (absent.size() == 1 ? "that consumer" : "those consumers");
    }
}
