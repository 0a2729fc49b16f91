package org.outboxlab.order;

import java.util.List;

/**
 * A validated request to place an order. {@code mode} is {@code null} for the configured default.
 *
 * @param traceParent W3C trace context of the request, or {@code null} to start a new trace
 */
public record PlaceOrder(String customerId, List<Line> lines, WriteMode mode, String traceParent) {

    public PlaceOrder {
        lines = List.copyOf(lines);
    }

    /** One requested product and quantity. */
    public record Line(String sku, int quantity) {
    }
}
