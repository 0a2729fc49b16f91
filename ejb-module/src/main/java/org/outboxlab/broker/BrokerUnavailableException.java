package org.outboxlab.broker;

import jakarta.ejb.ApplicationException;

/** The broker could not be reached or refused a transaction; nothing was published. */
@ApplicationException(rollback = true)
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
