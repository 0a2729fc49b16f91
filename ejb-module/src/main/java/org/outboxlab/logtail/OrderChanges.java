package org.outboxlab.logtail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.Partitions;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.order.OrderEvents;
import org.outboxlab.order.OrderLine;
import org.outboxlab.order.OrderStatus;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.PendingEvent;

/**
 * Change data capture of one transaction: the order rows it inserted or updated and the order lines
 * it inserted, as the log carries them, turned at the transaction's commit into the events the
 * consumers take. Only orders written in mode CDC produce events; each change of an order row is
 * one event, its sequence the row's {@code last_sequence} and its id derived from the order and
 * that sequence ({@link EventIds#ofChange}), so the same change read again yields the same event. A
 * placed order's event carries the lines inserted in the same transaction.
 */
final class OrderChanges {

    static final String ORDERS = "customer_order";
    static final String LINES = "order_line";

    private record OrderRow(
            String id,
            String customerId,
            OrderStatus status,
            int sequence,
            long totalCents,
            Instant updatedAt) {}

    private record LineRow(int lineNo, OrderLine line) {}

    private final List<OrderRow> orders = new ArrayList<>();
    private final Map<String, List<LineRow>> lines = new HashMap<>();

    /** Whether {@code relation} is one of the order tables this reads. */
    static boolean reads(LogMessage.Relation relation) {
        return ORDERS.equals(relation.name()) || LINES.equals(relation.name());
    }

    /**
     * Takes a changed row of an order table in.
     *
     * @throws IllegalArgumentException for a row that lacks a column an event needs
     */
    void take(LogMessage.Relation relation, LogMessage.Row row) {
        Map<String, String> values = relation.byColumn(row.values());
        if (ORDERS.equals(relation.name())) {
            if (!WriteMode.CDC.name().equals(values.get("write_mode"))) {
                return;
            }
            orders.add(
                    new OrderRow(
                            relation.required(values, "id"),
                            relation.required(values, "customer_id"),
                            OrderStatus.valueOf(relation.required(values, "status")),
                            Integer.parseInt(relation.required(values, "last_sequence")),
                            Long.parseLong(relation.required(values, "total_cents")),
                            OutboxImage.timestamp(relation.required(values, "updated_at"))
                                    .toInstant()));
        } else if (row.kind() == 'I') {
            lines.computeIfAbsent(relation.required(values, "order_id"), k -> new ArrayList<>())
                    .add(
                            new LineRow(
                                    Integer.parseInt(relation.required(values, "line_no")),
                                    new OrderLine(
                                            relation.required(values, "sku"),
                                            Integer.parseInt(relation.required(values, "quantity")),
                                            Long.parseLong(
                                                    relation.required(
                                                            values, "unit_price_cents")))));
        }
    }

    /** The events of the transaction's CDC orders, in the order the log gave their changes. */
    List<PendingEvent> events() {
        List<PendingEvent> events = new ArrayList<>(orders.size());
        for (OrderRow order : orders) {
            List<OrderLine> ofOrder =
                    lines.getOrDefault(order.id(), List.of()).stream()
                            .sorted(Comparator.comparingInt(LineRow::lineNo))
                            .map(LineRow::line)
                            .toList();
            events.add(
                    new PendingEvent(
                            EventIds.ofChange(order.id(), order.sequence()),
                            OrderEvents.AGGREGATE_TYPE,
                            order.id(),
                            order.status().eventType(),
                            order.sequence(),
                            OutboxEvent.SCHEMA_VERSION,
                            order.updatedAt(),
                            OrderEvents.payload(
                                    order.id(),
                                    order.customerId(),
                                    order.status(),
                                    order.totalCents(),
                                    ofOrder),
                            null, // the trace never reached a column: CDC cannot publish it
                            WriteMode.CDC.name(),
                            Partitions.of(order.id())));
        }
        return events;
    }

    boolean isEmpty() {
        return orders.isEmpty() && lines.isEmpty();
    }

    void clear() {
        orders.clear();
        lines.clear();
    }
}
