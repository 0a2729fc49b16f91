package org.outboxlab.order;

/**
 * An {@code Idempotency-Key} already used for a request with other content; nothing was written.
 */
public class IdempotencyKeyReusedException extends OrderRejectedException {

    public IdempotencyKeyReusedException(String key) {
        super(
                "Idempotency-Key "
                        + key
                        + " was used for a different request; use a new key for a new order");
    }

    @Override
    public String field() {
        return "Idempotency-Key";
    }
}
