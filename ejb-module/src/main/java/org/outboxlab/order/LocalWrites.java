package org.outboxlab.order;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.outboxlab.contract.WriteMode.Publication;
import org.outboxlab.outbox.OutboxEvent;

/**
 * Writes for the modes that send nothing while writing: one local transaction holds the order's
 * rows and its event row, which the relay publishes later (OUTBOX), or the rows alone, whose
 * changes the log reader publishes (CDC) or nobody does (BASELINE).
 */
@ApplicationScoped
public class LocalWrites implements ModeWrites {

    @EJB OrderTransactions local;

    @Override
    public Set<Publication> publications() {
        return Set.of(Publication.RELAY, Publication.CHANGE_LOG, Publication.NONE);
    }

    @Override
    public OutboxEvent place(PlaceOrder command) {
        return local.place(command, command.mode());
    }

    @Override
    public OutboxEvent advance(String orderId, OrderStatus next, String traceParent) {
        return local.advance(orderId, next, traceParent);
    }
}
