package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.interceptor.ExcludeDefaultInterceptors;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.Subscriptions;

/**
 * Books revenue for paid orders and reverses it for paid orders that are cancelled, once per event.
 */
@ExcludeDefaultInterceptors // its deliveries wait for an unreachable database (DatabaseWait)
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = Subscriptions.TOPIC),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(
                    propertyName = "subscriptionDurability",
                    propertyValue = "Durable"),
            @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
            @ActivationConfigProperty(
                    propertyName = "subscriptionName",
                    propertyValue = Subscriptions.LEDGER),
            @ActivationConfigProperty(
                    propertyName = "messageSelector",
                    propertyValue = Subscriptions.LEDGER_SELECTOR),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
        })
public class LedgerConsumer extends OrderEventConsumer {

    @Override
    protected ConsumerName consumer() {
        return ConsumerName.LEDGER;
    }
}
