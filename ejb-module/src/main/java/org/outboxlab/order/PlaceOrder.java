package org.outboxlab.order;

import java.util.List;
import org.outboxlab.contract.WriteMode;

/**
 * A validated request to place an order. {@code mode} is {@code null} for the configured default.
 *
 * @param traceParent W3C trace context of the request, or {@code null} to start a new trace
 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}: a request with a key
 *     already answered is answered the same way and writes nothing
 */
public record PlaceOrder(
        String customerId,
        List<Line> lines,
        WriteMode mode,
        String traceParent,
        String idempotencyKey) {

    public PlaceOrder {
        lines = List.copyOf(lines);
    }

    public PlaceOrder(String customerId, List<Line> lines, WriteMode mode, String traceParent) {
        this(customerId, lines, mode, traceParent, null);
    }

    /** One requested product and quantity. */
    public record Line(String sku, int quantity) {}
}
