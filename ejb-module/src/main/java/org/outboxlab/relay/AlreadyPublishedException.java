package org.outboxlab.relay;

import jakarta.ejb.ApplicationException;
import org.outboxlab.broker.BrokerUnavailableException;

/**
 * The broker refused a transaction because it had already routed a message with the same duplicate
 * id: the event was published before (for instance by a relay that crashed between the broker
 * commit and marking its rows). For a single row this means the row is published.
 */
@ApplicationException(rollback = true)
public class AlreadyPublishedException extends BrokerUnavailableException {

    public AlreadyPublishedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure}, or one of its causes, is the broker's duplicate-id rejection. */
    static boolean isDuplicateRejection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (t.getClass().getSimpleName().contains("DuplicateId")
                    || (message != null && message.contains("Duplicate message detected"))) {
                return true;
            }
        }
        return false;
    }
}
