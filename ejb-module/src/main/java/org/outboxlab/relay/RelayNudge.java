package org.outboxlab.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.outboxlab.cluster.PartitionsGained;
import org.outboxlab.cluster.PeerWakeup;
import org.outboxlab.cluster.WakeOwner;
import org.outboxlab.outbox.OutboxWritten;

/**
 * Asks the relay to drain once a transaction that wrote an outbox row has committed (unless {@code
 * outbox.relay.nudge} is off), so its event leaves at once instead of at the next timer tick; when
 * another node holds the row's partition, that node is asked instead, by a notice sent in the
 * writing transaction. Nothing is asked for a transaction that rolled back. A node that took
 * partitions over, or that another node woke up, drains at once too. Under {@link
 * RelayStrategy#LOG_TAILING} nothing is asked: the log reader sees the commit itself, and the
 * polling relay only sweeps rows older than a bound, which a fresh commit is not.
 */
@ApplicationScoped
public class RelayNudge {

    @Inject OutboxRelay relay;

    @Inject RelaySettings settings;

    @Inject WakeOwner owner;

    void inTransaction(@Observes OutboxWritten written) {
        if (polling()) {
            owner.wakeOwnerOf(written.partition());
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (polling()) {
            relay.nudge(System.nanoTime());
        }
    }

    private boolean polling() {
        return settings.nudge() && settings.strategy() == RelayStrategy.POLLING;
    }

    void partitionsGained(@Observes PartitionsGained gained) {
        relay.nudge();
    }

    void peerWakeup(@Observes PeerWakeup wakeup) {
        relay.nudge();
    }
}
