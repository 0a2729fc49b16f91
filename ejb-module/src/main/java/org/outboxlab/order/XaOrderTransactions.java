package org.outboxlab.order;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import org.outboxlab.contract.WriteMode.Publication;
import org.outboxlab.outbox.BrokerUnreachable;
import org.outboxlab.outbox.OutboxEvent;

/**
 * Writes orders and sends their events in one XA transaction: the XA datasource and the broker
 * (through the enlisted {@code java:/JmsXA} factory) commit together under Narayana's two-phase
 * commit, or neither does. With the broker down, writes are refused. Writes for the modes whose
 * event is sent in the write.
 */
@Stateless
@Local(ModeWrites.class)
@Interceptors(BrokerUnreachable.class)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class XaOrderTransactions implements ModeWrites {

    @PersistenceContext(unitName = "outbox-xa")
    EntityManager em;

    @EJB EventSender sender;

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Set<Publication> publications() {
        return Set.of(Publication.IN_THE_WRITE);
    }

    @Override
    public OutboxEvent place(PlaceOrder command) {
        OutboxEvent event = new OrderBook(em).place(command, command.mode());
        em.flush();
        sender.sendInTransaction(event);
        return event;
    }

    @Override
    public OutboxEvent advance(String orderId, OrderStatus next, String traceParent) {
        OutboxEvent event = new OrderBook(em).advance(orderId, next, traceParent);
        em.flush();
        sender.sendInTransaction(event);
        return event;
    }
}
