package org.outboxlab.order;

import jakarta.ejb.ApplicationException;

/**
 * A concurrent request with the same {@code Idempotency-Key} committed first; this one rolled back
 * and nothing of it was written. The caller answers with the first request's result.
 */
@ApplicationException(rollback = true)
public class IdempotencyKeyTakenException extends RuntimeException {

    public IdempotencyKeyTakenException(String key, Throwable cause) {
        super("Idempotency-Key " + key + " taken by a concurrent request", cause);
    }
}
