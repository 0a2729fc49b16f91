package org.outboxlab.consume;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.outboxlab.contract.ConsumerName;

/**
 * The events consumers hold because an earlier event of the same order has not been applied, with
 * what each waits for: what the console's Blocked page lists and the held-event gauges count. An
 * event held for long waits for one that will not come (dead-lettered, discarded, never sent); an
 * operator can release it ({@link EventReceiver#release}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class HeldEvents {

    /**
     * One held event: {@code waitingFor} is the order's next sequence this consumer needs first.
     */
    public record Held(
            String consumer,
            String orderId,
            String eventId,
            String eventType,
            int sequence,
            Instant heldAt,
            int waitingFor) {}

    /** How many events a consumer holds and since when the oldest ({@code null} when none). */
    public record Count(long held, Instant oldestHeldAt) {}

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /** The held events, oldest first, at most {@code max}. */
    public List<Held> oldest(int max) {
        return em.createQuery(
                        "select h.key.consumer, h.orderId, h.key.eventId, h.eventType, h.sequence, h.heldAt, "
                                + "p.lastSequence from HeldEvent h, ConsumerProgress p "
                                + "where p.key.consumer = h.key.consumer and p.key.orderId = h.orderId order by h.heldAt",
                        Object[].class)
                .setMaxResults(max)
                .getResultStream()
                .map(
                        r ->
                                new Held(
                                        (String) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3],
                                        (Integer) r[4],
                                        (Instant) r[5],
                                        (Integer) r[6] + 1))
                .toList();
    }

    /** Per consumer, how many events it holds and since when the oldest. */
    public Map<ConsumerName, Count> counts() {
        Map<ConsumerName, Count> counts = new EnumMap<>(ConsumerName.class);
        for (ConsumerName consumer : ConsumerName.values()) {
            counts.put(consumer, new Count(0, null));
        }
        for (Object[] r :
                em.createQuery(
                                "select h.key.consumer, count(h), min(h.heldAt) from HeldEvent h "
                                        + "group by h.key.consumer",
                                Object[].class)
                        .getResultList()) {
            for (ConsumerName consumer : ConsumerName.values()) {
                if (consumer.id().equals(r[0])) {
                    counts.put(consumer, new Count((Long) r[1], (Instant) r[2]));
                }
            }
        }
        return counts;
    }
}
