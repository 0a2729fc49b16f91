package org.outboxlab.ops;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The operators' record ({@code operator_action}): each action is written in a transaction of its
 * own once it is done, with how many it affected, and logged; an action that failed half-way is
 * recorded with what it did before it failed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OperatorLog {

    private static final Logger LOG = Logger.getLogger(OperatorLog.class.getName());

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    public void record(String actor, String action, String target, long affected) {
        em.persist(new OperatorAction(actor, action, cut(target), affected, Instant.now()));
        LOG.info(
                () ->
                        "operator "
                                + actor
                                + ": "
                                + action
                                + (target == null ? "" : " " + target)
                                + ", "
                                + affected
                                + " affected");
    }

    /** The latest {@code max} actions, newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<OperatorAction> latest(int max) {
        return em.createQuery(
                        "select a from OperatorAction a order by a.actedAt desc",
                        OperatorAction.class)
                .setMaxResults(max)
                .getResultList();
    }

    private static String cut(String target) {
        return target == null || target.length() <= 300 ? target : target.substring(0, 299) + "…";
    }
}
