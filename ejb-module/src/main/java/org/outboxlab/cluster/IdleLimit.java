package org.outboxlab.cluster;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.outboxlab.outbox.DatabaseKind;

/**
 * Tells PostgreSQL to end the caller's transaction once it has idled for {@code limit} ({@code
 * idle_in_transaction_session_timeout}, for this transaction only): a node frozen while it holds
 * lease rows (a relay batch's shared locks, a heartbeat's exclusive ones) lets them go one lease
 * later, not after the role's session-wide timeout. Nothing on other databases.
 */
final class IdleLimit {

    private IdleLimit() {}

    static void apply(EntityManager em, DatabaseKind database, Duration limit) {
        if (database.postgres()) {
            em.createNativeQuery(
                            "select set_config('idle_in_transaction_session_timeout', ?1, true)")
                    .setParameter(1, Long.toString(limit.toMillis()))
                    .getSingleResult();
        }
    }
}
