package org.outboxlab.testsupport;

import jakarta.enterprise.inject.InjectionException;
import jakarta.enterprise.inject.spi.CDI;
import org.outboxlab.relay.OutboxRelay;

/**
 * Pauses, resumes and drains the deployed outbox relay, whatever its strategy, from a test running
 * inside the server (a test deployed with {@link OutboxDeployments#ear}).
 */
public final class OutboxRelayControl {

    private OutboxRelayControl() {}

    /** The deployed relay, through its port; changes made through it take effect at once. */
    public static OutboxRelay relay() {
        try {
            return CDI.current().select(OutboxRelay.class).get();
        } catch (IllegalStateException | InjectionException e) {
            throw new IllegalStateException(
                    "no outbox relay in this deployment; is the test deployed into the EAR?", e);
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
