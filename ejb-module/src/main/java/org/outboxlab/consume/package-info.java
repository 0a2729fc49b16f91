/**
 * Idempotent consumers of order events: the inbox, the effects and the message-driven beans; the
 * order side reads the effects through its {@code DownstreamEffects} port, implemented here.
 */
package org.outboxlab.consume;
