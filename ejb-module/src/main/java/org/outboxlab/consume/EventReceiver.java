package org.outboxlab.consume;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.EventFields;
import org.outboxlab.faults.Faults;
import org.outboxlab.metrics.EventConsumed;

/**
 * Applies an event's effect exactly once per consumer and in its order's sequence, in one local
 * database transaction of its own, or of a batch of events that arrived together ({@link
 * DeliveryCombiner}); no two-phase commit: the messages are acknowledged after this commit, see
 * {@link OrderEventConsumer}. An event next in line costs two statements on PostgreSQL: its arrival
 * (the inbox entry and the progress row advanced and locked, {@link ArrivalLog}) and the effect;
 * three elsewhere. Any other event takes the progress row with a locking read and is applied with
 * the events held behind it, or held while an earlier event of the same order is still missing. An
 * event at or below the order's applied sequence was applied before (its inbox entry since purged):
 * it is counted as a duplicate and changes nothing. Any failure rolls all of it back and
 * propagates, so the broker redelivers and, after the bounded attempts, dead-letters the message.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class EventReceiver {

    private static final Logger LOG = Logger.getLogger(EventReceiver.class.getName());

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject ArrivalLog arrivals;

    @Inject InboxLog inbox;

    @Inject ProgressLog progressLog;

    @Inject Event<EventConsumed> consumed;

    @Inject Faults faults;

    /**
     * Returns {@code true} if the event was new to this consumer (applied now, or held until its
     * order's previous event is applied), {@code false} if the delivery was a duplicate.
     */
    public boolean receive(ConsumerName consumer, Message message) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.from(message);
        } catch (InvalidEventException e) {
            LOG.warning(() -> consumer.id() + ": " + e.getMessage());
            throw e;
        }
        return receive(consumer, message, event);
    }

    /**
     * Receives {@code messages} as {@link #receive} would, in one transaction, in the order of
     * their orders' ids and sequences (so the events of one order that came together apply without
     * being held, and two nodes' batches lock progress rows in the same order): all of them take
     * effect or none does. A message that is not a valid event fails the batch, unlogged (applied
     * alone, it is logged there).
     */
    public void receiveAll(ConsumerName consumer, List<Message> messages) {
        List<Map.Entry<ReceivedEvent, Message>> events = new ArrayList<>(messages.size());
        for (Message message : messages) {
            events.add(Map.entry(ReceivedEvent.from(message), message));
        }
        events.sort(
                Comparator.comparing(
                                (Map.Entry<ReceivedEvent, Message> e) -> e.getKey().aggregateId())
                        .thenComparingInt(e -> e.getKey().sequence()));
        for (Map.Entry<ReceivedEvent, Message> e : events) {
            receive(consumer, e.getValue(), e.getKey());
            // written, and forgotten: the next event's bulk statements on the progress row must
            // not meet a row this context still holds with older values
            em.flush();
            em.clear();
        }
    }

    private boolean receive(ConsumerName consumer, Message message, ReceivedEvent event) {
        int deliveryCount = deliveryCount(message);
        long epoch = epochOf(message);
        String customerId = event.payload().getString("customerId", null);
        faults.beforeEffect(consumer.id(), event.eventId(), customerId, deliveryCount);
        ArrivalLog.Arrival arrival =
                arrivals.arrive(
                        consumer, event.eventId(), event.aggregateId(), event.sequence(), epoch);
        if (arrival == ArrivalLog.Arrival.DUPLICATE) {
            inbox.countDuplicate(consumer, event.eventId(), Instant.now());
            if (epoch > 0) {
                ConsumerProgress progress = progressLog.lock(consumer, event.aggregateId());
                if (progress.staleFrom(epoch)) {
                    stale(consumer, event, epoch, progress);
                    progressLog.save(progress);
                }
            }
            duplicate(consumer, event);
            return false;
        }
        if (arrival == ArrivalLog.Arrival.IN_LINE) {
            apply(consumer, event);
        } else if (!applyOrHold(consumer, event, epoch)) {
            return false;
        }
        if (faults.enabled()) {
            em.flush(); // staged in the database, so an injected rollback undoes real writes
            faults.afterEffect(consumer.id(), event.eventId(), customerId, deliveryCount);
        }
        return true;
    }

    /**
     * The slow path, for an event that is not next in line: counts a duplicate and returns {@code
     * false} for an event at or below the order's applied sequence, holds one that came early, or
     * applies it and the held events behind it.
     */
    private boolean applyOrHold(ConsumerName consumer, ReceivedEvent event, long epoch) {
        ConsumerProgress progress = progressLog.lock(consumer, event.aggregateId());
        if (progress.staleFrom(epoch)) {
            stale(consumer, event, epoch, progress);
        }
        OrderSequencer.Outcome outcome =
                OrderSequencer.receive(
                        new ProgressLedger(consumer, event.aggregateId(), progress),
                        event,
                        event.sequence());
        if (outcome == OrderSequencer.Outcome.APPLIED) {
            progress.epoch(epoch);
        }
        progressLog.save(progress);
        return outcome != OrderSequencer.Outcome.DUPLICATE;
    }

    /**
     * Counts a delivery from a node that had lost its lease, after an event of a newer owner's
     * epoch took effect for the order. It is not dropped: it carries an event that was pending when
     * that node claimed it, which the newer owner publishes too, under the same duplicate id; the
     * inbox and the order's sequence decide, as for any delivery, that it takes effect at most once
     * and in sequence.
     */
    private void stale(ConsumerName consumer, ReceivedEvent event, long epoch, ConsumerProgress p) {
        p.staleOne();
        LOG.warning(
                () ->
                        consumer.id()
                                + ": event "
                                + event.eventId()
                                + " (sequence "
                                + event.sequence()
                                + ") was published under epoch "
                                + epoch
                                + " of its partition's lease, after its order applied epoch "
                                + p.getEpoch()
                                + ": counted as stale");
    }

    private void duplicate(ConsumerName consumer, ReceivedEvent event) {
        consumed.fire(new EventConsumed(consumer, true));
        LOG.fine(
                () ->
                        consumer.id()
                                + ": duplicate delivery of event "
                                + event.eventId()
                                + " ignored");
    }

    private void apply(ConsumerName consumer, ReceivedEvent event) {
        em.persist(Effects.of(consumer, event, em));
        consumed.fire(new EventConsumed(consumer, false));
    }

    /**
     * Releases {@code consumer}'s held events of {@code orderId} past a gap that will never close
     * (the missing event was discarded from a dead-letter queue, or never sent): the order's
     * progress moves to just before its lowest held event, which is applied with the held events
     * behind it, in sequence. Returns how many were applied; logs the skipped sequences and {@code
     * user}.
     */
    public int release(ConsumerName consumer, String orderId, String user) {
        ConsumerProgress progress = progressLog.lock(consumer, orderId);
        Integer lowest =
                em.createQuery(
                                "select min(h.sequence) from HeldEvent h where h.key.consumer = :consumer "
                                        + "and h.orderId = :orderId",
                                Integer.class)
                        .setParameter("consumer", consumer.id())
                        .setParameter("orderId", orderId)
                        .getSingleResult();
        if (lowest == null) {
            return 0;
        }
        int skippedFrom = progress.getLastSequence() + 1;
        int before = progress.getLastSequence();
        progress.skipTo(lowest - 1);
        OrderSequencer.drain(new ProgressLedger(consumer, orderId, progress));
        progressLog.save(progress);
        int applied = progress.getLastSequence() - (lowest - 1);
        LOG.warning(
                consumer.id()
                        + ": "
                        + user
                        + " released the held events of order "
                        + orderId
                        + ": sequences "
                        + skippedFrom
                        + ".."
                        + (lowest - 1)
                        + " skipped (never applied), "
                        + applied
                        + " applied from "
                        + lowest
                        + " (progress "
                        + before
                        + " -> "
                        + progress.getLastSequence()
                        + ")");
        return applied;
    }

    private static int deliveryCount(Message message) {
        try {
            return message.propertyExists("JMSXDeliveryCount")
                    ? message.getIntProperty("JMSXDeliveryCount")
                    : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    /** The partition epoch the relay tagged the message with; 0 for a message not relayed. */
    private static long epochOf(Message message) {
        try {
            return message.propertyExists(EventFields.PARTITION_EPOCH)
                    ? message.getLongProperty(EventFields.PARTITION_EPOCH)
                    : 0;
        } catch (JMSException e) {
            return 0;
        }
    }

    /**
     * A consumer's locked progress row of one order and its held events, in this transaction: held
     * events are looked up only while the row counts some.
     */
    private final class ProgressLedger implements OrderSequencer.Ledger<ReceivedEvent> {

        private final ConsumerName consumer;
        private final String orderId;
        private final ConsumerProgress progress;
        private HeldEvent found;

        ProgressLedger(ConsumerName consumer, String orderId, ConsumerProgress progress) {
            this.consumer = consumer;
            this.orderId = orderId;
            this.progress = progress;
        }

        @Override
        public int lastApplied() {
            return progress.getLastSequence();
        }

        @Override
        public void apply(ReceivedEvent event, int sequence) {
            EventReceiver.this.apply(consumer, event);
            progress.applied(sequence);
        }

        @Override
        public void hold(ReceivedEvent event, int sequence) {
            em.persist(new HeldEvent(consumer, event, Instant.now()));
            progress.holdOne();
            LOG.fine(
                    () ->
                            consumer.id()
                                    + ": event "
                                    + event.eventId()
                                    + " (sequence "
                                    + sequence
                                    + ") held until sequence "
                                    + (progress.getLastSequence() + 1)
                                    + " of order "
                                    + orderId
                                    + " is applied");
        }

        @Override
        public ReceivedEvent held(int sequence) {
            if (progress.getHeld() <= 0) {
                return null;
            }
            List<HeldEvent> held =
                    em.createQuery(
                                    "select h from HeldEvent h where h.key.consumer = :consumer "
                                            + "and h.orderId = :orderId and h.sequence = :sequence",
                                    HeldEvent.class)
                            .setParameter("consumer", consumer.id())
                            .setParameter("orderId", orderId)
                            .setParameter("sequence", sequence)
                            .getResultList();
            found = held.isEmpty() ? null : held.get(0);
            return found == null ? null : found.event();
        }

        @Override
        public void released(int sequence) {
            em.remove(found);
            found = null;
            progress.releaseOne();
        }

        @Override
        public void duplicate(ReceivedEvent event) {
            inbox.countDuplicate(consumer, event.eventId(), Instant.now());
            EventReceiver.this.duplicate(consumer, event);
        }
    }
}
