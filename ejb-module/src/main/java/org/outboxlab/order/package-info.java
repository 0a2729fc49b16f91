/**
 * Orders, stock and the write modes that record an order and send its event: one {@code ModeWrites}
 * per publication, chosen by the mode. Owns its ports ({@code EventSender}, {@code
 * DownstreamEffects}): the broker and the consumers implement them, this package imports neither.
 */
package org.outboxlab.order;
