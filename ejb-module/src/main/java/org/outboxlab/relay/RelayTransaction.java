package org.outboxlab.relay;

import jakarta.persistence.EntityManager;
import org.outboxlab.outbox.DatabaseKind;

/**
 * Two PostgreSQL settings for one relay batch's transaction only (the polling relay's and the log
 * reader's), set with {@code set_config(..., true)}, in one round trip; nothing on other databases.
 *
 * <ul>
 *   <li>{@code plan_cache_mode = force_custom_plan}: the claim's statements are planned with their
 *       values every time. Their cached generic plan compares each pending row's order with the
 *       1,000 claimed orders one by one (a hashed lookup needs the values): on statistics taken
 *       before a backlog arrived, 40,000 pending rows cost 1.8 s a claim instead of 19 ms. Planning
 *       costs well under a millisecond a batch.
 *   <li>{@code synchronous_commit = off}: the batch's commit does not wait for its WAL to reach the
 *       disk. It holds only marks (published, an attempt charged, FAILED), made after the broker
 *       committed: a mark PostgreSQL loses in a crash of its own leaves the row PENDING, so it is
 *       published again, which the broker's duplicate detection or the consumers' inbox absorbs.
 *       At-least-once holds; no write path or consumer transaction commits this way.
 * </ul>
 */
public final class RelayTransaction {

    private RelayTransaction() {}

    public static void tune(EntityManager em, DatabaseKind database) {
        if (database.postgres()) {
            em.createNativeQuery(
                            "select set_config('plan_cache_mode', 'force_custom_plan', true), "
                                    + "set_config('synchronous_commit', 'off', true)")
                    .getSingleResult();
        }
    }
}
