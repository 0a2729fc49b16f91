package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.interceptor.ExcludeDefaultInterceptors;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.Subscriptions;

/** Turns order events into warehouse steps, once per event. */
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
                    propertyValue = Subscriptions.FULFILMENT),
            @ActivationConfigProperty(
                    propertyName = "messageSelector",
                    propertyValue = Subscriptions.FULFILMENT_SELECTOR),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
        })
public class FulfilmentConsumer extends OrderEventConsumer {

    @Override
    protected ConsumerName consumer() {
        return ConsumerName.FULFILMENT;
    }
}
