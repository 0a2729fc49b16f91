package org.outboxlab.cluster;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.outboxlab.outbox.DatabaseKind;

/**
 * Tells the node that holds an event's partition to drain, when another node wrote it: in the
 * writing transaction, PostgreSQL's {@code pg_notify} on channel {@value #CHANNEL} with the
 * partition, which the database delivers on commit only ({@link WakeupListener} hears it). Without
 * it that event would wait for its owner's next timer tick. Nothing is sent for a partition this
 * node holds (its own relay is nudged after the commit) or on another database. The relay asks,
 * from the writing transaction, when its nudges are on.
 */
@ApplicationScoped
public class WakeOwner {

    /** The notification channel: its payload is a partition number. */
    public static final String CHANNEL = "outbox_relay";

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject DatabaseKind database;

    @EJB LeaseKeeper keeper;

    /**
     * In the transaction that wrote an event of {@code partition}: asks that partition's owner to
     * drain once it commits, unless the owner is this node.
     */
    public void wakeOwnerOf(int partition) {
        if (keeper.ownership().partitions().contains(partition) || !database.postgres()) {
            return;
        }
        em.createNativeQuery("select pg_notify('" + CHANNEL + "', ?1)")
                .setParameter(1, Integer.toString(partition))
                .getSingleResult();
    }
}
