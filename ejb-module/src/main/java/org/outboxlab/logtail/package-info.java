/**
 * The log-tailing relay strategy ({@code outbox.relay.strategy=log-tailing}, PostgreSQL only): one
 * node at a time, under a fenced lease, reads the outbox table's committed inserts from a logical
 * replication slot ({@code pgoutput}) and publishes them, confirming the slot's position only after
 * the broker commit and the database mark. Uses the relay's broker channel and the cluster's
 * settings; the polling relay sweeps what it misses.
 */
package org.outboxlab.logtail;
