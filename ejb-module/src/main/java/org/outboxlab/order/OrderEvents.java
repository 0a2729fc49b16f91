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
     * The business payload of the event that records an order entering {@code status}: the order,
     * its customer, status and total, and for a placed order its lines. Change data capture builds
     * the same payload from the order's rows as the log holds them.
     */
    public static String payload(
            String orderId,
            String customerId,
            OrderStatus status,
            long totalCents,
            java.util.List<OrderLine> orderLines) {
        JsonObjectBuilder payload =
                JSON.createObjectBuilder()
                        .add("orderId", orderId)
                        .add("customerId", customerId)
                        .add("status", status.name())
                        .add("totalCents", totalCents);
        if (status == OrderStatus.PLACED) {
            JsonArrayBuilder lines = JSON.createArrayBuilder();
            orderLines.forEach(
                    l ->
                            lines.add(
                                    JSON.createObjectBuilder()
                                            .add("sku", l.getSku())
                                            .add("quantity", l.getQuantity())
                                            .add("unitPriceCents", l.getUnitPriceCents())));
            payload.add("lines", lines);
        }
        return payload.build().toString();
    }

    /**
     * The event for the order's latest change, to be written in the same transaction as that
     * change.
     */
    public static OutboxEvent of(CustomerOrder order, String traceParent, WriteMode mode) {
        return new OutboxEvent(
                AGGREGATE_TYPE,
                order.getId(),
                order.getStatus().eventType(),
                order.getLastSequence(),
                payload(
                        order.getId(),
                        order.getCustomerId(),
                        order.getStatus(),
                        order.getTotalCents(),
                        order.getLines()),
                traceParent,
                mode);
    }
}
