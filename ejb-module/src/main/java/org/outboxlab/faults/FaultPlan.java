package org.outboxlab.faults;

import org.outboxlab.contract.CrashPoint;

/**
 * What an armed server does wrong, all at once. Every number selects "one event in N" by the event
 * id, so the same events are hit on every consumer and every run; 0 switches a fault off.
 *
 * @param crashPoint where to halt the JVM the next time a write passes, or {@code null}
 * @param transientFailureEvery consumers throw on the first delivery of one event in N
 * @param poisonCustomerSuffix consumers throw on every delivery of the events of customers whose id
 *     ends with this
 * @param duplicatePublishEvery one event in N is published twice (the second copy passes the
 *     broker's duplicate detection, so the inbox must absorb it)
 * @param rollbackAfterEffectEvery consumers stage the effect and inbox entry of one event in N,
 *     then roll back on its first delivery
 * @param customerPrefix the event faults hit only orders of customers whose id starts with this (a
 *     lab run's own orders), or {@code null} for every order; a crash point is not an event fault
 *     and halts whatever passes it
 */
public record FaultPlan(
        CrashPoint crashPoint,
        int transientFailureEvery,
        String poisonCustomerSuffix,
        int duplicatePublishEvery,
        int rollbackAfterEffectEvery,
        String customerPrefix) {

    public static final FaultPlan NONE = new FaultPlan(null, 0, null, 0, 0, null);
    public static final int MAX_EVERY = 1_000_000;

    public FaultPlan {
        requireEvery("transientFailureEvery", transientFailureEvery);
        requireEvery("duplicatePublishEvery", duplicatePublishEvery);
        requireEvery("rollbackAfterEffectEvery", rollbackAfterEffectEvery);
        if (poisonCustomerSuffix != null
                && (poisonCustomerSuffix.isBlank() || poisonCustomerSuffix.length() > 64)) {
            throw new IllegalArgumentException("poisonCustomerSuffix: 1 to 64 characters");
        }
        if (customerPrefix != null && (customerPrefix.isBlank() || customerPrefix.length() > 64)) {
            throw new IllegalArgumentException("customerPrefix: 1 to 64 characters");
        }
    }

    /** Whether the event faults of this plan may hit the orders of {@code customerId}. */
    boolean covers(String customerId) {
        return customerPrefix == null
                || (customerId != null && customerId.startsWith(customerPrefix));
    }

    private static void requireEvery(String name, int value) {
        if (value < 0 || value > MAX_EVERY) {
            throw new IllegalArgumentException(
                    name + ": 0 (off) to " + MAX_EVERY + ", was " + value);
        }
    }

    /** Whether {@code eventId} is one of the "one in {@code every}" events. */
    static boolean selects(int every, String eventId) {
        return every > 0 && Math.floorMod(eventId.hashCode(), every) == 0;
    }
}
