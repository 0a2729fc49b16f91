/**
 * How an OUTBOX event leaves the database: the relay, its batches and its broker channel, paused,
 * tuned and backed off.
 */
package org.outboxlab.relay;
