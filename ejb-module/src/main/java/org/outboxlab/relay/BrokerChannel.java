package org.outboxlab.relay;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;
import org.outboxlab.broker.BrokerLogin;
import org.outboxlab.broker.BrokerUnavailableException;
import org.outboxlab.broker.EventMessages;
import org.outboxlab.broker.EventRoutes;
import org.outboxlab.cluster.Fence;
import org.outboxlab.cluster.LeaseExpiredException;
import org.outboxlab.faults.Faults;
import org.outboxlab.outbox.PendingEvent;

/**
 * The relay's own connections to the broker, one per relay lane ({@link RelaySettings#lanes()}):
 * each a locally transacted session on a plain connection factory that is never enlisted in JTA, so
 * a batch is the broker's transaction and nothing else's. A lane's connection is kept between its
 * batches and rebuilt after any failure of that lane; lanes never share a session, so one lane's
 * sends and commit do not wait for another's. Before each batch it asks the broker whether every
 * consumer's queue is bound ({@link EventRoutes}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BrokerChannel {

    @Resource(lookup = "java:/jms/outbox/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/outbox/OrderEvents")
    Topic orderEvents;

    @Inject BrokerLogin login;

    @Inject Faults faults;

    @Inject RelaySettings settings;

    @EJB EventRoutes routes;

    private Lane[] lanes;

    @PostConstruct
    void createLanes() {
        lanes = new Lane[settings.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    /**
     * Sends {@code events}, each with its message body ({@code bodies}, in the same order) and the
     * epoch of {@code held}'s lease on its partition, in one broker transaction of lane {@code
     * lane}, and commits it only if {@code held} is still open right before the commit; otherwise
     * rolls it back, so nothing of it reaches a consumer.
     *
     * @throws LeaseExpiredException if the fence closed before the commit (nothing published)
     * @throws AlreadyPublishedException if the broker refused the batch as holding a duplicate
     * @throws RouteMissingException if a consumer's queue is not bound to the topic (nothing sent)
     * @throws BrokerUnavailableException if the broker did not commit the batch
     */
    public void publish(int lane, List<PendingEvent> events, List<String> bodies, Fence held) {
        Lane own = lanes[lane];
        synchronized (own) {
            try {
                own.open();
                routes.check(own.session);
                for (int i = 0; i < events.size(); i++) {
                    PendingEvent event = events.get(i);
                    long epoch = held.epochOf(event.partition());
                    own.producer.send(message(own.session, bodies.get(i), event, epoch));
                    if (faults.publishTwice(
                            event.eventId(), () -> EventMessages.customerOf(event))) {
                        own.producer.send(
                                EventMessages.republished(
                                        message(own.session, bodies.get(i), event, epoch)));
                    }
                }
                commit(own.session, held);
            } catch (JMSException | JMSRuntimeException e) {
                own.close();
                if (AlreadyPublishedException.isDuplicateRejection(e)) {
                    throw new AlreadyPublishedException(describe(e), e);
                }
                throw new BrokerUnavailableException(describe(e), e);
            } catch (RuntimeException e) {
                own.close(); // discards whatever this transaction sent: nothing of it is committed
                throw e;
            }
        }
    }

    /**
     * Whether a fresh connection to the broker can be opened now for lane {@code lane} (a missing
     * route is not this question).
     */
    public boolean reachable(int lane) {
        Lane own = lanes[lane];
        synchronized (own) {
            try {
                own.close();
                own.open();
                return true;
            } catch (JMSException | JMSRuntimeException e) {
                own.close();
                return false;
            }
        }
    }

    @PreDestroy
    public void close() {
        for (Lane lane : lanes) {
            synchronized (lane) {
                lane.close();
            }
        }
    }

    /**
     * The last look at the fence, right before the broker commit: the time from here to the
     * broker's receipt of the commit is the only window the fence does not cover.
     */
    private static void commit(Session session, Fence held) throws JMSException {
        if (!held.open()) {
            session.rollback();
            held.check(); // throws
        }
        session.commit();
    }

    private static TextMessage message(Session session, String body, PendingEvent event, long epoch)
            throws JMSException {
        return EventMessages.withEpoch(
                EventMessages.withHeaders(session.createTextMessage(body), event), epoch);
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause();
        return e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + (cause != null && cause != e ? " (" + cause.getMessage() + ")" : "");
    }

    /** One lane's connection, session and producer; used under the lane's own lock only. */
    private final class Lane {

        private Connection connection;
        private Session session;
        private MessageProducer producer;

        /** Set by the connection's exception listener; the next use rebuilds the connection. */
        private volatile boolean broken;

        void open() throws JMSException {
            if (broken) {
                close();
            }
            if (session != null) {
                return;
            }
            broken = false;
            connection = login.connection(connectionFactory);
            // Only a flag: closing a connection from its own listener thread can block that thread.
            connection.setExceptionListener(e -> broken = true);
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(orderEvents);
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException | JMSRuntimeException ignored) {
                    // the connection is being discarded; a failed close changes nothing
                }
            }
            connection = null;
            session = null;
            producer = null;
        }
    }
}
