package org.outboxlab.logtail;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The lease on reading a replication slot, one row of {@code relay_slot} per slot, each call in a
 * transaction of its own (PostgreSQL only, as log tailing is): one node holds it at a time, for a
 * lease's length from its last renewal; a node takes it over only once it is free or ran out, and
 * each change of holder raises the epoch. A mark made under an epoch that is no longer the slot's
 * is refused ({@link SlotBatch#mark}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SlotLeases {

    private static final String RENEW =
            "update relay_slot set lease_until = ?1 where slot_name = ?2 and owner = ?3 "
                    + "and epoch = ?4 and lease_until > ?5";

    private static final String TAKE =
            "with taken as (update relay_slot set owner = ?3, epoch = epoch + 1, lease_until = ?1 "
                    + "where slot_name = ?2 and (owner is null or lease_until is null or lease_until <= ?4) "
                    + "returning epoch) select epoch from taken";

    @PersistenceContext(unitName = "outbox")
    EntityManager em;

    /**
     * Renews {@code node}'s lease on {@code slot} under {@code epoch} (0: none held), or takes the
     * slot over if it is free or its lease ran out. Returns the epoch {@code node} now holds the
     * slot under, or 0 if another node holds it.
     */
    public long hold(String slot, String node, long epoch, Duration lease) {
        Instant now = Instant.now();
        Instant until = now.plus(lease);
        if (epoch > 0
                && em.createNativeQuery(RENEW)
                                .setParameter(1, until)
                                .setParameter(2, slot)
                                .setParameter(3, node)
                                .setParameter(4, epoch)
                                .setParameter(5, now)
                                .executeUpdate()
                        == 1) {
            return epoch;
        }
        List<?> taken = take(slot, node, until, now);
        if (taken.isEmpty()) {
            em.createNativeQuery(
                            "insert into relay_slot (slot_name, epoch) values (?1, 0) on conflict do nothing")
                    .setParameter(1, slot)
                    .executeUpdate();
            taken = take(slot, node, until, now);
        }
        return taken.isEmpty() ? 0 : ((Number) taken.get(0)).longValue();
    }

    /** Gives {@code node}'s lease on {@code slot} up, so another node takes it at its next try. */
    public void release(String slot, String node) {
        em.createNativeQuery(
                        "update relay_slot set owner = null, lease_until = null "
                                + "where slot_name = ?1 and owner = ?2")
                .setParameter(1, slot)
                .setParameter(2, node)
                .executeUpdate();
    }

    /** Who holds the lease on {@code slot}, under which epoch, until when; empty if no one. */
    public java.util.Optional<Holder> holder(String slot) {
        List<?> rows =
                em.createNativeQuery(
                                "select owner, epoch, lease_until from relay_slot "
                                        + "where slot_name = ?1 and owner is not null")
                        .setParameter(1, slot)
                        .getResultList();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return java.util.Optional.of(
                new Holder(
                        (String) row[0],
                        ((Number) row[1]).longValue(),
                        row[2] instanceof Instant at
                                ? at
                                : ((java.time.OffsetDateTime) row[2]).toInstant()));
    }

    /** The node reading a slot, its epoch and the end of its lease. */
    public record Holder(String node, long epoch, Instant leaseUntil) {}

    private List<?> take(String slot, String node, Instant until, Instant now) {
        return em.createNativeQuery(TAKE)
                .setParameter(1, until)
                .setParameter(2, slot)
                .setParameter(3, node)
                .setParameter(4, now)
                .getResultList();
    }
}
