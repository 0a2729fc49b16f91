package org.outboxlab.consume;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Turns order events into warehouse steps, once per event. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup",
                propertyValue = "java:/jms/outbox/queue/FulfilmentEvents"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class FulfilmentConsumer extends OrderEventConsumer {

    @Override
    protected ConsumerName consumer() {
        return ConsumerName.FULFILMENT;
    }

    @Override
    protected AppliedEffect effectOf(ReceivedEvent event) {
        return new FulfilmentStep(event);
    }
}
