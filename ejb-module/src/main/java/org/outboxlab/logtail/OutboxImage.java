package org.outboxlab.logtail;

import java.time.OffsetDateTime;
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
        Map<String, String> row = relation.byColumn(values);
        String body = row.get("message_body");
        PendingEvent event =
                new PendingEvent(
                        relation.required(row, "event_id"),
                        relation.required(row, "aggregate_type"),
                        relation.required(row, "aggregate_id"),
                        relation.required(row, "event_type"),
                        Integer.parseInt(relation.required(row, "sequence_no")),
                        Integer.parseInt(relation.required(row, "schema_version")),
                        timestamp(relation.required(row, "occurred_at")).toInstant(),
                        body == null ? row.get("payload") : null,
                        row.get("trace_parent"),
                        relation.required(row, "write_mode"),
                        Integer.parseInt(relation.required(row, "partition_no")),
                        body);
        return new OutboxImage(event, relation.required(row, "status"));
    }

    boolean pending() {
        return "PENDING".equals(status);
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
