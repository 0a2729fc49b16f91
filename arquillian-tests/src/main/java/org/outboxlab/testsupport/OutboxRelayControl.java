package org.outboxlab.testsupport;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.outboxlab.relay.OutboxRelay;

/** Pauses, resumes and drains the deployed outbox relay from a test running inside the server. */
public final class OutboxRelayControl {

    static final String RELAY =
            "java:global/outbox/outbox-ejb/OutboxRelay!org.outboxlab.relay.OutboxRelay";

    private OutboxRelayControl() {}

    /** The deployed relay; changes made through it take effect at once. */
    public static OutboxRelay relay() {
        try {
            return (OutboxRelay) new InitialContext().lookup(RELAY);
        } catch (NamingException e) {
            throw new IllegalStateException(
                    "no outbox relay at " + RELAY + "; is the EAR deployed?", e);
        }
    }

    /**
     * Runs {@code action} with the relay paused, so committed events stay in the outbox; resumes
     * after.
     */
    public static void whilePaused(Runnable action) {
        OutboxRelay relay = relay();
        relay.pause();
        try {
            action.run();
        } finally {
            relay.resume();
        }
    }
}
