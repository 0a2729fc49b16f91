package org.outboxlab.outbox;

/** Where a committed event stands on its way to the broker. */
public enum OutboxStatus {
    /** Committed in OUTBOX mode, waiting for the relay. */
    PENDING,
    /** Sent by the relay in a committed broker transaction. */
    PUBLISHED,
    /**
     * The relay gave up on this row after repeated row-specific failures; kept until an operator
     * acts.
     */
    FAILED,
    /**
     * Written by the XA or NAIVE mode, which send the event themselves; the relay never touches it.
     */
    DIRECT
}
