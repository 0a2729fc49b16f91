package org.outboxlab.cluster;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.outboxlab.outbox.RowLookup;

/**
 * Switches the relay of every node off and on. Off takes effect for every batch that starts after
 * the switch committed, on any node; the switch stays where it is across restarts.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterSwitch {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject ClusterSettings settings;

    @EJB LeaseKeeper keeper;

    public void pause() {
        set(true);
    }

    public void resume() {
        set(false);
    }

    private void set(boolean paused) {
        RelaySwitch relaySwitch = RowLookup.find(em, RelaySwitch.class, RelaySwitch.ID);
        if (relaySwitch == null) {
            em.persist(new RelaySwitch(paused, settings.node(), Instant.now()));
        } else {
            relaySwitch.set(paused, settings.node(), Instant.now());
        }
        em.flush();
        keeper.switched(paused);
    }
}
