package org.outboxlab.consume;

import jakarta.ejb.ApplicationException;

/**
 * A message that is not a valid order event. The delivery rolls back, so the broker redelivers it a
 * bounded number of times and then moves it to the consumer's dead-letter queue.
 */
@ApplicationException(rollback = true)
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String messageId, String reason) {
        super("message " + messageId + " is not a valid order event: " + reason);
    }
}
