package org.outboxlab.outbox;

/**
 * A CDI event: the current transaction wrote an OUTBOX row. Observed after a successful commit (the
 * relay drains at once instead of at its next tick); a rollback delivers nothing.
 */
public record OutboxWritten(String eventId) {}
