/** The events the business commits with its changes: ids, trace context and the outbox table. */
package org.outboxlab.outbox;
