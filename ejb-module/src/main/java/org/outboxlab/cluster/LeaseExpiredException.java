package org.outboxlab.cluster;

import jakarta.ejb.ApplicationException;

/**
 * A relay batch outlived its lease: its transaction rolls back and it publishes nothing more; the
 * rows stay pending for whichever node owns their partition now.
 */
@ApplicationException(rollback = true)
public class LeaseExpiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseExpiredException(String message) {
        super(message);
    }
}
