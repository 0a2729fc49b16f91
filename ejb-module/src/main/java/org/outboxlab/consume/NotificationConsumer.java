package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.interceptor.ExcludeDefaultInterceptors;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.Subscriptions;

/** Notifies the customer of each order event, once per event. */
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
                    propertyValue = Subscriptions.NOTIFICATION),
            @ActivationConfigProperty(
                    propertyName = "messageSelector",
                    propertyValue = Subscriptions.NOTIFICATION_SELECTOR),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
        })
public class NotificationConsumer extends OrderEventConsumer {

    @Override
    protected ConsumerName consumer() {
        return ConsumerName.NOTIFICATION;
    }
}
