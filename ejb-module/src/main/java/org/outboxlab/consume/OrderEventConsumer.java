package org.outboxlab.consume;

import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.faults.Faults;
import org.outboxlab.metrics.OutboxMetrics;

/**
 * A consumer of order events that needs no two-phase commit. The delivery is not transacted: {@link
 * EventReceiver} commits the inbox entry and the effect in one local database transaction (with the
 * deliveries that arrived beside it, {@link DeliveryCombiner}), and the broker's acknowledgement
 * follows only when {@link #onMessage} has returned, after that commit. A crash between the commit
 * and the acknowledgement redelivers the message and the inbox absorbs it as a duplicate; an
 * exception rolls the database back and the broker redelivers, then dead-letters after its bounded
 * attempts. An unreachable database is not the event's fault: the delivery waits for it ({@link
 * DatabaseWait}) without spending those attempts.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public abstract class OrderEventConsumer implements MessageListener {

    @Inject DeliveryCombiner combiner;

    @Inject Faults faults;

    @Inject OutboxMetrics metrics;

    @Inject DatabaseWait database;

    /** Which consumer this is: its inbox, its effect, its queue. */
    protected abstract ConsumerName consumer();

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onMessage(Message message) {
        long started = System.nanoTime();
        long lagMillis = System.currentTimeMillis() - sentAt(message);
        database.run(consumer(), () -> combiner.deliver(consumer(), message));
        metrics.delivered(consumer(), lagMillis, System.nanoTime() - started);
        faults.reach(CrashPoint.CONSUMER_AFTER_DB_COMMIT);
    }

    /**
     * When the relay or the writer sent the message (its JMS timestamp); if unknown, a time that
     * makes the lag negative.
     */
    private static long sentAt(Message message) {
        try {
            long sent = message.getJMSTimestamp();
            return sent == 0 ? Long.MAX_VALUE : sent;
        } catch (JMSException e) {
            return Long.MAX_VALUE; // a negative lag is not recorded
        }
    }
}
