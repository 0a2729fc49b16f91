package org.outboxlab.faults;

/** Refuses to arm a server that was not started with {@code outbox.faults.enabled=true}. */
public class FaultsDisabledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FaultsDisabledException() {
        super("fault injection is not enabled on this server (outbox.faults.enabled=false)");
    }
}
