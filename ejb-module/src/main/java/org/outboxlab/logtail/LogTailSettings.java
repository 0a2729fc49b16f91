package org.outboxlab.logtail;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The log reader's settings, read from MicroProfile Config at start and refused at deployment if
 * invalid: the slot it reads, the publications it reads it for (the outbox table's under log
 * tailing, the order tables' under change data capture), and how long it waits between looks when
 * nothing has arrived.
 */
@ApplicationScoped
public class LogTailSettings {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @Inject
    @ConfigProperty(name = "outbox.relay.log.slot", defaultValue = "outbox_relay")
    String slot;

    @Inject
    @ConfigProperty(name = "outbox.relay.log.publication", defaultValue = "outbox_events")
    String publication;

    @Inject
    @ConfigProperty(name = "outbox.cdc.enabled", defaultValue = "false")
    boolean changeCapture;

    @Inject
    @ConfigProperty(name = "outbox.cdc.publication", defaultValue = "order_changes")
    String changePublication;

    @Inject
    @ConfigProperty(name = "outbox.relay.log.poll-ms", defaultValue = "5")
    long pollMs;

    @PostConstruct
    void validate() {
        requireName("outbox.relay.log.slot", slot);
        requireName("outbox.relay.log.publication", publication);
        requireName("outbox.cdc.publication", changePublication);
        if (pollMs < 1 || pollMs > 1_000) {
            throw new IllegalArgumentException(
                    "outbox.relay.log.poll-ms must be between 1 and 1000, was " + pollMs);
        }
    }

    /**
     * The logical replication slot ({@code outbox.relay.log.slot}, default {@code outbox_relay}).
     */
    public String slot() {
        return slot;
    }

    /** The publication of the outbox table's inserts (default {@code outbox_events}). */
    public String publication() {
        return publication;
    }

    /**
     * Whether the reader also turns the order tables' changes into events for the orders written in
     * mode CDC ({@code outbox.cdc.enabled}, default false).
     */
    public boolean changeCapture() {
        return changeCapture;
    }

    /** The publication of the order tables' inserts and updates (default {@code order_changes}). */
    public String changePublication() {
        return changePublication;
    }

    /** The pause between looks at an idle stream, in milliseconds (default 5). */
    public long pollMs() {
        return pollMs;
    }

    private static void requireName(String property, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    property
                            + " must be a lower-case PostgreSQL name (letters, digits, _; at most 63), was '"
                            + value
                            + "'");
        }
    }
}
