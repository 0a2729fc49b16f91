/**
 * Operating the application: housekeeping, dead letters, failed-event retry, the outbox backlog and
 * its counters.
 */
package org.outboxlab.ops;
