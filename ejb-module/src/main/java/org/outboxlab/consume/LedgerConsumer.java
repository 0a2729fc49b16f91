package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.interceptor.ExcludeDefaultInterceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Books revenue for paid orders and reverses it for paid orders that are cancelled, once per event. */
@ExcludeDefaultInterceptors // its deliveries wait for an unreachable database (DatabaseWait)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Subscriptions.TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = Subscriptions.LEDGER),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = Subscriptions.LEDGER_SELECTOR),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class LedgerConsumer extends OrderEventConsumer {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Override
    protected ConsumerName consumer() {
        return ConsumerName.LEDGER;
    }

    @Override
    protected AppliedEffect effectOf(ReceivedEvent event) {
        return new LedgerEntry(event, amount(event));
    }

    private long amount(ReceivedEvent event) {
        long total = event.payload().getJsonNumber("totalCents").longValue();
        return switch (event.eventType()) {
            case "OrderPaid" -> total;
            case "OrderCancelled" -> bookedFor(event.aggregateId()) > 0 ? -total : 0;
            default -> 0;
        };
    }

    /** Revenue booked so far for {@code orderId}, read in the receiving transaction. */
    private long bookedFor(String orderId) {
        Long booked = em.createQuery("select sum(l.amountCents) from LedgerEntry l where l.orderId = :orderId", Long.class)
                .setParameter("orderId", orderId)
                .getSingleResult();
        return booked == null ? 0 : booked;
    }
}
