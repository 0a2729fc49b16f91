package org.outboxlab.order;

import org.outboxlab.outbox.OutboxEvent;

/**
 * Sends an order's event to the broker now, from the write path, for the modes that do not leave it
 * to the relay. The order side says when; how the event leaves is the implementation's (the
 * broker's) business.
 */
public interface EventSender {

    /**
     * Sends {@code event} within the caller's transaction, which must be active: the broker holds
     * it if, and only if, that transaction commits.
     */
    void sendInTransaction(OutboxEvent event);

    /**
     * Sends {@code event} on its own, outside any transaction; once this returns the broker holds
     * it, and if it throws the event was not sent.
     */
    void sendWithoutTransaction(OutboxEvent event);
}
