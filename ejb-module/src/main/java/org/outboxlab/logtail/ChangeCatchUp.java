package org.outboxlab.logtail;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.Partitions;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.order.OrderEvents;
import org.outboxlab.order.OrderLine;
import org.outboxlab.order.OrderStatus;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.PendingEvent;

/**
 * Change data capture's catch-up after its slot was made anew: the WAL that held the changes since
 * the last published one is gone, so the events of the CDC orders changed since then are rebuilt
 * from the order rows, every change of each order from 1 to its {@code last_sequence}, with the ids
 * and payloads the log would have given (the lifecycle fixes every status but the last: placed,
 * paid, shipped; a cancel ends it). Publishing an event again is harmless: the broker's duplicate
 * detection and the inbox recognise its id. Pages through the orders by {@code (updated_at, id)}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ChangeCatchUp {

    /** The statuses an order passes through before its last one, by sequence (1 is placed). */
    private static final List<OrderStatus> PATH =
            List.of(OrderStatus.PLACED, OrderStatus.PAID, OrderStatus.SHIPPED);

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /**
     * Whether a catch-up of {@code slot} is due, and the latest change its readers published (if
     * they published any).
     */
    public State state(String slot) {
        List<?> rows =
                em.createNativeQuery(
                                "select catching_up, captured_to from relay_slot where slot_name = ?1")
                        .setParameter(1, slot)
                        .getResultList();
        if (rows.isEmpty()) {
            return new State(false, Optional.empty());
        }
        Object[] row = (Object[]) rows.get(0);
        return new State(
                Boolean.TRUE.equals(row[0]),
                row[1] == null ? Optional.empty() : Optional.of(instant(row[1])));
    }

    /**
     * Records that a catch-up of {@code slot} is due ({@code due}) or done, while {@code node}
     * holds it under {@code epoch}; whether it still did.
     */
    public boolean due(String slot, String node, long epoch, boolean due) {
        return em.createNativeQuery(
                                "update relay_slot set catching_up = ?4 where slot_name = ?1 "
                                        + "and owner = ?2 and epoch = ?3")
                        .setParameter(1, slot)
                        .setParameter(2, node)
                        .setParameter(3, epoch)
                        .setParameter(4, due)
                        .executeUpdate()
                > 0;
    }

    /**
     * Change data capture's state of a slot.
     *
     * @param due a catch-up is due: the slot was made anew and its catch-up has not finished
     * @param capturedTo the latest change the slot's readers published
     */
    public record State(boolean due, Optional<Instant> capturedTo) {}

    /**
     * One page of events: those of at most {@code limit} CDC orders changed after {@code after}
     * (all of them for null), in the order of their change, then id; the next page starts after the
     * last order's {@link Page#nextAfter()} and {@link Page#nextId()}.
     */
    public Page page(Instant after, String afterId, int limit) {
        List<?> rows =
                em.createNativeQuery(
                                "select id, customer_id, status, last_sequence, total_cents, created_at, updated_at "
                                        + "from customer_order where write_mode = 'CDC' "
                                        + "and (updated_at, id) > (?1, ?2) order by updated_at, id limit ?3")
                        .setParameter(1, Timestamp.from(after == null ? Instant.EPOCH : after))
                        .setParameter(2, afterId == null ? "" : afterId)
                        .setParameter(3, limit)
                        .getResultList();
        if (rows.isEmpty()) {
            return new Page(List.of(), null, null);
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (Object row : rows) {
            ids.add((String) ((Object[]) row)[0]);
        }
        Map<String, List<OrderLine>> lines = new HashMap<>();
        for (Object row :
                em.createNativeQuery(
                                "select order_id, sku, quantity, unit_price_cents from order_line "
                                        + "where order_id in (?1) order by order_id, line_no")
                        .setParameter(1, ids)
                        .getResultList()) {
            Object[] line = (Object[]) row;
            lines.computeIfAbsent((String) line[0], k -> new ArrayList<>())
                    .add(
                            new OrderLine(
                                    (String) line[1],
                                    ((Number) line[2]).intValue(),
                                    ((Number) line[3]).longValue()));
        }
        List<PendingEvent> events = new ArrayList<>();
        Object[] last = null;
        for (Object row : rows) {
            Object[] order = (Object[]) row;
            last = order;
            String id = (String) order[0];
            int lastSequence = ((Number) order[3]).intValue();
            for (int sequence = 1; sequence <= lastSequence; sequence++) {
                OrderStatus status =
                        sequence == lastSequence
                                ? OrderStatus.valueOf((String) order[2])
                                : PATH.get(Math.min(sequence, PATH.size()) - 1);
                events.add(
                        new PendingEvent(
                                EventIds.ofChange(id, sequence),
                                OrderEvents.AGGREGATE_TYPE,
                                id,
                                status.eventType(),
                                sequence,
                                OutboxEvent.SCHEMA_VERSION,
                                instant(sequence == 1 ? order[5] : order[6]),
                                OrderEvents.payload(
                                        id,
                                        (String) order[1],
                                        status,
                                        ((Number) order[4]).longValue(),
                                        lines.getOrDefault(id, List.of())),
                                null,
                                WriteMode.CDC.name(),
                                Partitions.of(id)));
            }
        }
        return new Page(events, instant(last[6]), (String) last[0]);
    }

    /**
     * A page of rebuilt events.
     *
     * @param nextAfter the last order's change time, where the next page starts; null after the
     *     last page
     */
    public record Page(List<PendingEvent> events, Instant nextAfter, String nextId) {}

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalArgumentException("not a time: " + value);
    }
}
