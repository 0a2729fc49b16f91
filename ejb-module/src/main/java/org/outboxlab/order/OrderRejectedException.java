package org.outboxlab.order;

import jakarta.ejb.ApplicationException;

/** A business rule refused the request; the transaction rolls back and nothing is written. */
@ApplicationException(rollback = true, inherited = true)
public abstract class OrderRejectedException extends RuntimeException {

    protected OrderRejectedException(String message) {
        super(message);
    }

    /** The request field the rejection is about, or {@code null}. */
    public String field() {
        return null;
    }
}
