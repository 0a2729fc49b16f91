package org.outboxlab.consume;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.function.Function;
import java.util.logging.Logger;
import org.outboxlab.faults.Faults;
import org.outboxlab.ops.AfterCommit;
import org.outboxlab.ops.OutboxMetrics;

/**
 * Applies an event's effect exactly once per consumer: reads the envelope, checks and writes the
 * inbox, and persists the effect, all in the delivering transaction. Any failure propagates, so the
 * broker redelivers and, after the bounded attempts, dead-letters the message.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventReceiver {

    private static final Logger LOG = Logger.getLogger(EventReceiver.class.getName());

    @PersistenceContext(unitName = "outbox-xa")
    EntityManager em;

    @EJB
    InboxLog inbox;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxMetrics metrics;

    @Inject
    Faults faults;

    /** Returns {@code true} if the effect was applied, {@code false} if the delivery was a duplicate. */
    public boolean receive(ConsumerName consumer, Message message, Function<ReceivedEvent, AppliedEffect> effect) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.from(message);
        } catch (InvalidEventException e) {
            LOG.warning(() -> consumer.id() + ": " + e.getMessage());
            throw e;
        }
        int deliveryCount = deliveryCount(message);
        faults.beforeEffect(consumer.id(), event.eventId(), event.payload().getString("customerId", null), deliveryCount);
        if (!inbox.firstDelivery(consumer, event.eventId())) {
            afterCommit.run(() -> metrics.consumed(consumer, true));
            LOG.fine(() -> consumer.id() + ": duplicate delivery of event " + event.eventId() + " ignored");
            return false;
        }
        AppliedEffect applied = effect.apply(event);
        applied.markInOrder(previousSequence(applied, event.aggregateId()) == event.sequence() - 1);
        em.persist(applied);
        if (faults.enabled()) {
            em.flush(); // staged in the database, so an injected rollback undoes real writes
            faults.afterEffect(consumer.id(), event.eventId(), deliveryCount);
        }
        afterCommit.run(() -> metrics.consumed(consumer, false));
        return true;
    }

    private static int deliveryCount(Message message) {
        try {
            return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    private int previousSequence(AppliedEffect applied, String orderId) {
        String entity = em.getMetamodel().entity(applied.getClass()).getName();
        Integer max = em.createQuery("select max(e.sequence) from " + entity + " e where e.orderId = :orderId",
                        Integer.class)
                .setParameter("orderId", orderId)
                .getSingleResult();
        return max == null ? 0 : max;
    }
}
