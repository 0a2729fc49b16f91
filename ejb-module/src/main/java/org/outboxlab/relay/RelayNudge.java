package org.outboxlab.relay;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.outboxlab.cluster.PartitionsGained;
import org.outboxlab.outbox.OutboxWritten;

/**
 * Asks the relay to drain once a transaction that wrote an outbox row has committed (unless {@code
 * outbox.relay.nudge} is off), so its event leaves at once instead of at the next timer tick.
 * Nothing is asked for a transaction that rolled back. A node that took partitions over drains
 * their backlog at once too.
 */
@ApplicationScoped
public class RelayNudge {

    @EJB OutboxRelay relay;

    @Inject RelaySettings settings;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (settings.nudge()) {
            relay.nudge(System.nanoTime());
        }
    }

    void partitionsGained(@Observes PartitionsGained gained) {
        relay.nudge();
    }
}
