/** How an event leaves the database: the outbox relay, its broker channel, and the direct XA and NAIVE sends. */
package org.outboxlab.relay;
