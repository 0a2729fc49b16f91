package org.outboxlab.order;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.RowLookup;

/** Read side of orders and the catalogue. */
@Stateless
public class OrderQueries {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @EJB DownstreamEffects downstream;

    public List<Product> catalogue() {
        return em.createQuery("select p from Product p order by p.sku", Product.class)
                .getResultList();
    }

    /** The order with its events and effects. */
    public OrderDetails details(String orderId) {
        CustomerOrder order = RowLookup.find(em, CustomerOrder.class, orderId);
        if (order == null) {
            throw new OrderNotFoundException(orderId);
        }
        List<OutboxEvent> events =
                em.createQuery(
                                "select e from OutboxEvent e where e.aggregateId = :id order by e.sequence",
                                OutboxEvent.class)
                        .setParameter("id", orderId)
                        .getResultList();
        Map<ConsumerName, List<DownstreamEffect>> effects = downstream.of(orderId);

        List<OrderDetails.Event> eventViews =
                events.stream()
                        .map(
                                e ->
                                        new OrderDetails.Event(
                                                e.getEventId(),
                                                e.getEventType(),
                                                e.getSequence(),
                                                e.getStatus().name(),
                                                e.getAttempts(),
                                                e.getLastError(),
                                                e.getOccurredAt(),
                                                e.getPublishedAt(),
                                                effects.entrySet().stream()
                                                        .map(
                                                                c ->
                                                                        eventEffect(
                                                                                c.getKey(),
                                                                                c.getValue(),
                                                                                e.getEventId()))
                                                        .toList()))
                        .toList();
        List<OrderDetails.Effect> orderEffects = new ArrayList<>();
        effects.forEach(
                (consumer, applied) -> {
                    long distinct =
                            applied.stream()
                                    .map(DownstreamEffect::eventId)
                                    .distinct()
                                    .filter(
                                            id ->
                                                    events.stream()
                                                            .anyMatch(
                                                                    e -> e.getEventId().equals(id)))
                                    .count();
                    Instant latest =
                            applied.stream()
                                    .map(DownstreamEffect::appliedAt)
                                    .max(Comparator.naturalOrder())
                                    .orElse(null);
                    orderEffects.add(
                            new OrderDetails.Effect(
                                    consumer.id(),
                                    !events.isEmpty() && distinct == events.size(),
                                    latest,
                                    applied.size()));
                });
        return new OrderDetails(
                order.getId(),
                order.getCustomerId(),
                order.getStatus().name(),
                order.getWriteMode().name(),
                order.getTotalCents(),
                order.getCreatedAt(),
                order.getUpdatedAt(),
                order.getLines().stream()
                        .map(
                                l ->
                                        new OrderDetails.Line(
                                                l.getSku(), l.getQuantity(), l.getUnitPriceCents()))
                        .toList(),
                eventViews,
                orderEffects);
    }

    private static OrderDetails.Effect eventEffect(
            ConsumerName consumer, List<DownstreamEffect> applied, String eventId) {
        List<DownstreamEffect> forEvent =
                applied.stream().filter(a -> Objects.equals(a.eventId(), eventId)).toList();
        return new OrderDetails.Effect(
                consumer.id(),
                !forEvent.isEmpty(),
                forEvent.isEmpty() ? null : forEvent.get(0).appliedAt(),
                forEvent.size());
    }
}
