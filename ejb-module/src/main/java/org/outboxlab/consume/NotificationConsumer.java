package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Notifies the customer of each order event, once per event. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup",
                propertyValue = "java:/jms/outbox/queue/NotificationEvents"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class NotificationConsumer implements MessageListener {

    @EJB
    EventReceiver receiver;

    @Override
    public void onMessage(Message message) {
        receiver.receive(ConsumerName.NOTIFICATION, message, CustomerNotification::new);
    }
}
