package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Turns order events into warehouse steps, once per event. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup",
                propertyValue = "java:/jms/outbox/queue/FulfilmentEvents"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class FulfilmentConsumer implements MessageListener {

    @EJB
    EventReceiver receiver;

    @Override
    public void onMessage(Message message) {
        receiver.receive(ConsumerName.FULFILMENT, message, FulfilmentStep::new);
    }
}
