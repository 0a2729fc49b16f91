/**
 * How an OUTBOX event leaves the database: the relay's port ({@link
 * org.outboxlab.relay.OutboxRelay}) and its polling strategy, with its batches and its broker
 * channel, paused, tuned and backed off. Uses the cluster's leases; the cluster never calls in.
 */
package org.outboxlab.relay;
