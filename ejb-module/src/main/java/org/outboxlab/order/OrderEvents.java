package org.outboxlab.order;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.outbox.OutboxEvent;

/** Builds the event that records an order entering its current status. */
public final class OrderEvents {

    /** Looked up once: {@code Json.createXxx} would search for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String AGGREGATE_TYPE = "Order";

    private OrderEvents() {}

    /**
     * The event for the order's latest change, to be written in the same transaction as that
     * change.
     */
    public static OutboxEvent of(CustomerOrder order, String traceParent, WriteMode mode) {
        JsonObjectBuilder payload =
                JSON.createObjectBuilder()
                        .add("orderId", order.getId())
                        .add("customerId", order.getCustomerId())
                        .add("status", order.getStatus().name())
                        .add("totalCents", order.getTotalCents());
        if (order.getStatus() == OrderStatus.PLACED) {
            JsonArrayBuilder lines = JSON.createArrayBuilder();
            order.getLines()
                    .forEach(
                            l ->
                                    lines.add(
                                            JSON.createObjectBuilder()
                                                    .add("sku", l.getSku())
                                                    .add("quantity", l.getQuantity())
                                                    .add("unitPriceCents", l.getUnitPriceCents())));
            payload.add("lines", lines);
        }
        return new OutboxEvent(
                AGGREGATE_TYPE,
                order.getId(),
                order.getStatus().eventType(),
                order.getLastSequence(),
                payload.build().toString(),
                traceParent,
                mode);
    }
}
