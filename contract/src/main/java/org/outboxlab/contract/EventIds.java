package org.outboxlab.contract;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Generates UUIDv7 event ids (RFC 9562): unique without a database sequence, and strictly
 * increasing within this JVM, so sorting by id sorts by creation time on one node (across nodes, by
 * each node's clock: no order's sequence rests on an id). Whatever writes outbox rows takes its ids
 * from here: the relay takes the orders of the oldest ready rows first and the housekeeper purges
 * by id range, so a row with another kind of id (a random UUIDv4) would wait unfairly or be purged
 * early.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static int counter;

    private EventIds() {}

    /**
     * The lowest id that can be generated at {@code instant}: every id made before it sorts lower.
     */
    public static String lowestAt(java.time.Instant instant) {
        long msb = (instant.toEpochMilli() << 16) | 0x7000L;
        return new UUID(msb, 0x8000000000000000L).toString();
    }

    /** When {@code id} was generated, to the millisecond (its first 48 bits). */
    public static java.time.Instant createdAt(String id) {
        return java.time.Instant.ofEpochMilli(UUID.fromString(id).getMostSignificantBits() >>> 16);
    }

    /**
     * The id of the event that records change {@code sequence} of order {@code orderId} in change
     * data capture: derived from the row, so that reading the same change again (after a crash,
     * from the slot's last confirmed position) yields the same id, which the broker's duplicate
     * detection and the consumers' inbox recognise. A name-based UUID (version 3): no outbox row
     * holds it, so it need not sort by time.
     */
    public static String ofChange(String orderId, int sequence) {
        return UUID.nameUUIDFromBytes(
                        ("outbox-lab:Order:" + orderId + ":" + sequence)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    /** Returns a new id, greater than every id this JVM generated before. */
    public static String next() {
        long millis;
        int seq;
        synchronized (EventIds.class) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                counter++;
                if (counter > 0xFFF) {
                    millis++;
                    counter = 0;
                }
            } else {
                counter = 0;
            }
            lastMillis = millis;
            seq = counter;
        }
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
