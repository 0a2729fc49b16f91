package org.outboxlab.contract;

/**
 * What an armed server does wrong, all at once: the one shape of a fault plan, shared by the server
 * that applies it, its API and the lab that arms it. Every number selects "one event in N" by the
 * event id, so the same events are hit on every consumer and every run; 0 switches a fault off. A
 * plan that exists is in range: the constructor refuses anything else.
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

    /** A plan that halts the JVM the next time a write passes {@code point}, and nothing else. */
    public static FaultPlan crashAt(CrashPoint point) {
        return new FaultPlan(point, 0, null, 0, 0, null);
    }

    /** Whether the event faults of this plan may hit the orders of {@code customerId}. */
    public boolean covers(String customerId) {
        return customerPrefix == null
                || (customerId != null && customerId.startsWith(customerPrefix));
    }

    /** Whether {@code eventId} is one of the "one in {@code every}" events. */
    public static boolean selects(int every, String eventId) {
        return every > 0 && Math.floorMod(eventId.hashCode(), every) == 0;
    }

    /**
     * The plan as the fault API takes and answers it: the three numbers always, each text only if
     * set, the crash point by its id.
     */
    public String toJson() {
        StringBuilder json =
                new StringBuilder("{\"transientFailureEvery\":")
                        .append(transientFailureEvery)
                        .append(",\"duplicatePublishEvery\":")
                        .append(duplicatePublishEvery)
                        .append(",\"rollbackAfterEffectEvery\":")
                        .append(rollbackAfterEffectEvery);
        if (crashPoint != null) {
            text(json, "crashPoint", crashPoint.id());
        }
        if (poisonCustomerSuffix != null) {
            text(json, "poisonCustomerSuffix", poisonCustomerSuffix);
        }
        if (customerPrefix != null) {
            text(json, "customerPrefix", customerPrefix);
        }
        return json.append('}').toString();
    }

    private static void text(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static void requireEvery(String name, int value) {
        if (value < 0 || value > MAX_EVERY) {
            throw new IllegalArgumentException(
                    name + ": 0 (off) to " + MAX_EVERY + ", was " + value);
        }
    }
}
