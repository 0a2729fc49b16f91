package org.outboxlab.consume;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.order.DownstreamEffect;
import org.outboxlab.order.DownstreamEffects;

/** Reads what each consumer applied for an order, from the consumers' effect tables. */
@Stateless
@Local(DownstreamEffects.class)
public class EffectLog implements DownstreamEffects {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Override
    public Map<ConsumerName, List<DownstreamEffect>> of(String orderId) {
        Map<ConsumerName, List<DownstreamEffect>> effects = new EnumMap<>(ConsumerName.class);
        for (ConsumerName consumer : ConsumerName.values()) {
            String entity = em.getMetamodel().entity(Effects.typeOf(consumer)).getName();
            effects.put(
                    consumer,
                    em.createQuery(
                                    "select e from "
                                            + entity
                                            + " e where e.orderId = :orderId order by e.appliedAt, e.id",
                                    AppliedEffect.class)
                            .setParameter("orderId", orderId)
                            .getResultStream()
                            .map(e -> new DownstreamEffect(e.getEventId(), e.getAppliedAt()))
                            .toList());
        }
        return effects;
    }
}
