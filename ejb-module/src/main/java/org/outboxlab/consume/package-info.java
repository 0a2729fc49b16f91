/** Idempotent consumers of order events: the inbox, the effects and the message-driven beans. */
package org.outboxlab.consume;
