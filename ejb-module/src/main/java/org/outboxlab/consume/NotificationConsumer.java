package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Notifies the customer of each order event, once per event. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup",
                propertyValue = "java:/jms/outbox/queue/NotificationEvents"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class NotificationConsumer extends OrderEventConsumer {

    @Override
    protected ConsumerName consumer() {
        return ConsumerName.NOTIFICATION;
    }

    @Override
    protected AppliedEffect effectOf(ReceivedEvent event) {
        return new CustomerNotification(event);
    }
}
