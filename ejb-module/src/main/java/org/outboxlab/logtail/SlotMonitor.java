package org.outboxlab.logtail;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.outboxlab.outbox.DatabaseKind;

/**
 * The replication slot as PostgreSQL reports it ({@code pg_replication_slots}), read through the
 * application's datasource, whatever the relay's strategy: a slot left behind by a switch back to
 * polling keeps WAL too, and is shown. Nothing on H2 or when there is no such slot.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SlotMonitor {

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    @Inject DatabaseKind database;

    @Inject LogTailSettings settings;

    /** The configured slot's state, if it exists. */
    public Optional<SlotStatus> read() {
        if (!database.postgres()) {
            return Optional.empty();
        }
        List<?> rows =
                em.createNativeQuery(
                                "select active, coalesce(wal_status, 'unknown'), "
                                        + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0), "
                                        + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0), "
                                        + "safe_wal_size from pg_replication_slots where slot_name = ?1")
                        .setParameter(1, settings.slot())
                        .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(
                new SlotStatus(
                        settings.slot(),
                        Boolean.TRUE.equals(row[0]),
                        (String) row[1],
                        ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue(),
                        row[4] == null ? null : ((Number) row[4]).longValue()));
    }

    /**
     * A slot's state.
     *
     * @param active a session streams it now
     * @param walStatus PostgreSQL's {@code wal_status}: reserved, extended, unreserved or lost
     * @param retainedBytes WAL kept for it (from its restart position to now)
     * @param lagBytes WAL written since its confirmed position
     * @param safeBytes how much more WAL may be written before it is invalidated; null without a
     *     cap ({@code max_slot_wal_keep_size = -1})
     */
    public record SlotStatus(
            String slot,
            boolean active,
            String walStatus,
            long retainedBytes,
            long lagBytes,
            Long safeBytes) {

        public boolean lost() {
            return "lost".equals(walStatus);
        }
    }
}
