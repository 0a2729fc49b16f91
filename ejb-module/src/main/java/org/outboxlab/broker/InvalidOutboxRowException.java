package org.outboxlab.broker;

/** An outbox row that cannot be turned into a message, whatever the broker's state. */
public class InvalidOutboxRowException extends RuntimeException {

    public InvalidOutboxRowException(String message) {
        super(message);
    }
}
