package org.outboxlab.logtail;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.outboxlab.outbox.PendingEvent;

/**
 * An outbox row as an insert in the log carries it, read by column name (the relation message names
 * the columns, in whatever order the table has them): the values the relay publishes, and the
 * status the row was written with.
 *
 * @param status {@code PENDING} for a row the relay must publish; {@code DIRECT} for one its write
 *     path sent itself (XA, NAIVE), which the reader leaves alone
 */
record OutboxImage(PendingEvent event, String status) {

    static final String TABLE = "outbox_event";

    /** The row {@code values} of {@code relation}. */
    static OutboxImage of(LogMessage.Relation relation, List<String> values) {
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < relation.columns().size() && i < values.size(); i++) {
            row.put(relation.columns().get(i), values.get(i));
        }
        String body = row.get("message_body");
        PendingEvent event =
                new PendingEvent(
                        required(row, "event_id"),
                        required(row, "aggregate_type"),
                        required(row, "aggregate_id"),
                        required(row, "event_type"),
                        Integer.parseInt(required(row, "sequence_no")),
                        Integer.parseInt(required(row, "schema_version")),
                        timestamp(required(row, "occurred_at")).toInstant(),
                        body == null ? row.get("payload") : null,
                        row.get("trace_parent"),
                        required(row, "write_mode"),
                        Integer.parseInt(required(row, "partition_no")),
                        body);
        return new OutboxImage(event, required(row, "status"));
    }

    boolean pending() {
        return "PENDING".equals(status);
    }

    private static String required(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException(
                    "the log's outbox row has no value for column " + column);
        }
        return value;
    }

    /**
     * PostgreSQL's text form of a {@code timestamp with time zone} in ISO style: {@code 2026-12-07
     * 14:58:00.123456+00} (the offset's minutes only where they are not zero).
     */
    static OffsetDateTime timestamp(String text) {
        String iso = text.replace(' ', 'T');
        int sign = Math.max(iso.lastIndexOf('+'), iso.lastIndexOf('-'));
        if (sign > iso.indexOf('T') && iso.length() - sign == 3) {
            iso = iso + ":00";
        }
        return OffsetDateTime.parse(iso);
    }
}
