package org.outboxlab.order;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.WriteMode.Publication;
import org.outboxlab.faults.Faults;
import org.outboxlab.outbox.OutboxEvent;

/**
 * Writes for NAIVE, the dual write: commits the order's rows in one local transaction, then sends
 * its event outside it. A failed send (or a JVM that dies between the two) leaves a committed order
 * without its event, answered as {@link EventNotPublishedException}.
 */
@ApplicationScoped
public class CommitThenSend implements ModeWrites {

    @EJB OrderTransactions local;

    @EJB EventSender sender;

    @Inject Faults faults;

    @Override
    public Set<Publication> publications() {
        return Set.of(Publication.AFTER_THE_COMMIT);
    }

    @Override
    public OutboxEvent place(PlaceOrder command) {
        return send(local.place(command, command.mode()));
    }

    @Override
    public OutboxEvent advance(String orderId, OrderStatus next, String traceParent) {
        return send(local.advance(orderId, next, traceParent));
    }

    private OutboxEvent send(OutboxEvent committed) {
        faults.reach(CrashPoint.NAIVE_AFTER_DB_COMMIT);
        try {
            sender.sendWithoutTransaction(committed);
        } catch (RuntimeException e) {
            throw new EventNotPublishedException(
                    committed.getAggregateId(), committed.getEventId(), e);
        }
        return committed;
    }
}
