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
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;
import org.outboxlab.faults.Faults;
import org.outboxlab.ops.AfterCommit;
import org.outboxlab.ops.OutboxMetrics;

/**
 * Applies an event's effect exactly once per consumer and in its order's sequence: reads the
 * envelope, checks and writes the inbox, and persists the effect, or holds the event while an
 * earlier event of the same order is still missing, all in the delivering transaction. Any failure
 * propagates, so the broker redelivers and, after the bounded attempts, dead-letters the message.
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

    /**
     * Returns {@code true} if the event was new to this consumer (applied now, or held until its
     * order's previous event is applied), {@code false} if the delivery was a duplicate.
     */
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
        int last = lastApplied(consumer, event.aggregateId());
        if (event.sequence() > last + 1) {
            em.persist(new HeldEvent(consumer, event, Instant.now()));
            LOG.fine(() -> consumer.id() + ": event " + event.eventId() + " (sequence " + event.sequence()
                    + ") held until sequence " + (last + 1) + " of order " + event.aggregateId() + " is applied");
        } else {
            apply(consumer, event, effect, event.sequence() == last + 1);
            drainHeld(consumer, event, effect);
        }
        if (faults.enabled()) {
            em.flush(); // staged in the database, so an injected rollback undoes real writes
            faults.afterEffect(consumer.id(), event.eventId(), deliveryCount);
        }
        return true;
    }

    private void apply(ConsumerName consumer, ReceivedEvent event, Function<ReceivedEvent, AppliedEffect> effect,
                       boolean inOrder) {
        AppliedEffect applied = effect.apply(event);
        applied.markInOrder(inOrder);
        em.persist(applied);
        afterCommit.run(() -> metrics.consumed(consumer, false));
    }

    /** Applies the events held behind {@code applied}, in sequence, for as long as there is no gap. */
    private void drainHeld(ConsumerName consumer, ReceivedEvent applied, Function<ReceivedEvent, AppliedEffect> effect) {
        for (int next = applied.sequence() + 1; ; next++) {
            List<HeldEvent> held = em.createQuery("select h from HeldEvent h where h.key.consumer = :consumer "
                            + "and h.orderId = :orderId and h.sequence = :sequence", HeldEvent.class)
                    .setParameter("consumer", consumer.id())
                    .setParameter("orderId", applied.aggregateId())
                    .setParameter("sequence", next)
                    .getResultList();
            if (held.isEmpty()) {
                return;
            }
            apply(consumer, held.get(0).event(), effect, true);
            em.remove(held.get(0));
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    /** The highest sequence of {@code orderId} this consumer applied; 0 if none. */
    private int lastApplied(ConsumerName consumer, String orderId) {
        String entity = em.getMetamodel().entity(consumer.effectType()).getName();
        Integer max = em.createQuery("select max(e.sequence) from " + entity + " e where e.orderId = :orderId",
                        Integer.class)
                .setParameter("orderId", orderId)
                .getSingleResult();
        return max == null ? 0 : max;
    }
}
