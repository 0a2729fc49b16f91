package org.outboxlab.broker;

/**
 * A consumer's subscription queue is not bound to {@code OrderEvents}: publishing now would lose
 * its copy of the event.
 */
public class RouteMissingException extends BrokerUnavailableException {

    public RouteMissingException(String message) {
        super(message, null);
    }
}
