package org.outboxlab.consume;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.outboxlab.contract.ConsumerName;

/** Reads what each consumer applied for an order. */
@Stateless
public class EffectLog {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /**
     * Every consumer's effects for {@code orderId}, oldest first; a consumer with none maps to an
     * empty list.
     */
    public Map<ConsumerName, List<AppliedEffect>> effectsOf(String orderId) {
        Map<ConsumerName, List<AppliedEffect>> effects = new EnumMap<>(ConsumerName.class);
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
                            .getResultList());
        }
        return effects;
    }
}
