package org.outboxlab.broker;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import org.outboxlab.faults.Faults;
import org.outboxlab.order.EventSender;
import org.outboxlab.outbox.BrokerUnreachable;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.PendingEvent;

/**
 * The write path's {@link EventSender}: sends an event straight through the pooled {@code
 * java:/JmsXA} factory: enlisted in the caller's XA transaction (XA mode), or on its own after the
 * database committed (NAIVE mode, which loses the event if this send fails or the JVM dies first).
 */
@Stateless
@Local(EventSender.class)
@Interceptors(BrokerUnreachable.class)
public class DirectEventSender implements EventSender {

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/outbox/OrderEvents")
    Topic orderEvents;

    @Inject Faults faults;

    @EJB EventRoutes routes;

    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void sendInTransaction(OutboxEvent event) {
        send(event);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sendWithoutTransaction(OutboxEvent event) {
        send(event);
    }

    private void send(OutboxEvent row) {
        routes.requireAll(); // the last answer: the relay asks before each batch, the gauges'
        // timer every refresh
        PendingEvent event = PendingEvent.of(row);
        try (JMSContext context = connectionFactory.createContext()) {
            String body = EventMessages.envelope(event);
            context.createProducer()
                    .send(
                            orderEvents,
                            EventMessages.withHeaders(context.createTextMessage(body), event));
            if (faults.publishTwice(event.eventId(), () -> EventMessages.customerOf(event))) {
                context.createProducer()
                        .send(
                                orderEvents,
                                EventMessages.republished(
                                        EventMessages.withHeaders(
                                                context.createTextMessage(body), event)));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
