package org.outboxlab.outbox;

import jakarta.ejb.ApplicationException;

/**
 * The database or the broker could not be reached; the transaction rolled back and nothing of it
 * was written. An application exception, so the container rolls back without logging a stack trace
 * per call: an outage is logged once, by whoever answers it ({@link DatabaseOutage}, the order
 * API).
 */
@ApplicationException(rollback = true)
public class UnreachableException extends RuntimeException {

    /** What could not be reached. */
    public enum Resource {
        DATABASE,
        BROKER
    }

    private final Resource resource;

    public UnreachableException(Resource resource, Throwable cause) {
        super(
                resource.name().toLowerCase(java.util.Locale.ROOT)
                        + " unreachable: "
                        + cause.getMessage(),
                cause);
        this.resource = resource;
    }

    public Resource resource() {
        return resource;
    }
}
