package org.outboxlab.outbox;

/**
 * A CDI event: the current transaction wrote an OUTBOX row of relay partition {@code partition}.
 * Observed while the transaction runs (a node that does not hold the partition tells its owner, on
 * commit) and after a successful commit (the relay drains at once instead of at its next tick); a
 * rollback delivers nothing.
 */
public record OutboxWritten(String eventId, int partition) {}
