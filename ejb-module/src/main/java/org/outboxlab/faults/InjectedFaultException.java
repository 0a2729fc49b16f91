package org.outboxlab.faults;

import jakarta.ejb.ApplicationException;

/**
 * Thrown where an armed fault makes a consumer fail; rolls the delivering transaction back, so the
 * broker redelivers. An application exception: the container neither logs it as a bean failure nor
 * discards the consumer instance, as it would for a real defect.
 */
@ApplicationException(rollback = true)
public class InjectedFaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InjectedFaultException(String message) {
        super(message);
    }
}
