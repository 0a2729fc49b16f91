package org.outboxlab.faults;

/** Thrown where an armed fault makes a consumer fail; rolls the delivering transaction back. */
public class InjectedFaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InjectedFaultException(String message) {
        super(message);
    }
}
