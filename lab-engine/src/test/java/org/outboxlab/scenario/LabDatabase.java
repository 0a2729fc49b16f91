package org.outboxlab.scenario;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.outboxlab.contract.ConsumerName;

/**
 * An in-memory H2 with the tables the audit and the settling read (orders, outbox, inbox, each
 * consumer's effects), and the rows a test plants in them: orders of the run tagged {@link #TAG}.
 */
final class LabDatabase implements AutoCloseable {

    static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    static final String TAG = "t1";

    final Connection db;
    private int effectIds;

    LabDatabase() throws SQLException {
        db = DriverManager.getConnection("jdbc:h2:mem:lab-" + System.nanoTime());
        try (Statement s = db.createStatement()) {
            s.execute(
                    "create table customer_order (id varchar(64) primary key, customer_id varchar(64), "
                            + "status varchar(10) default 'PLACED', last_sequence int default 1, "
                            + "created_at timestamp default current_timestamp, "
                            + "updated_at timestamp default current_timestamp, "
                            + "write_mode varchar(10) default 'OUTBOX')");
            s.execute(
                    "create table outbox_event (event_id varchar(64) primary key, aggregate_id varchar(64), "
                            + "event_type varchar(32), occurred_at timestamp, status varchar(16))");
            s.execute(
                    "create table inbox (event_id varchar(64), consumer varchar(32), duplicates int)");
            s.execute(
                    "create table consumer_progress (consumer varchar(32), order_id varchar(64), stale int)");
            for (ConsumerName consumer : ConsumerName.values()) {
                s.execute(
                        "create table "
                                + consumer.effectTable()
                                + " (id varchar(64) primary key, event_id varchar(64), "
                                + "order_id varchar(64), sequence_no int, applied_at timestamp, write_mode varchar(16))");
            }
        }
    }

    /** An order of the run tagged {@link #TAG}. */
    void order(String id, String customer) throws SQLException {
        update(
                "insert into customer_order (id, customer_id) values (?, ?)",
                id,
                TAG + "-" + customer);
    }

    /**
     * An order of the run written in mode CDC, with no outbox row: its row's status and last
     * sequence, created at the run's start and last updated {@code updatedMillis} later.
     */
    void capturedOrder(
            String id, String customer, String status, int lastSequence, long updatedMillis)
            throws SQLException {
        update(
                "insert into customer_order (id, customer_id, status, last_sequence, created_at, "
                        + "updated_at, write_mode) values (?, ?, ?, ?, ?, ?, 'CDC')",
                id,
                TAG + "-" + customer,
                status,
                lastSequence,
                Timestamp.from(START),
                Timestamp.from(START.plusMillis(updatedMillis)));
    }

    void event(String id, String orderId, String type, long atMillis) throws SQLException {
        event(id, orderId, type, atMillis, "PUBLISHED");
    }

    void event(String id, String orderId, String type, long atMillis, String status)
            throws SQLException {
        update(
                "insert into outbox_event values (?, ?, ?, ?, ?)",
                id,
                orderId,
                type,
                Timestamp.from(START.plusMillis(atMillis)),
                status);
    }

    void appliedEverywhere(String eventId, String orderId, int sequence, long atMillis)
            throws SQLException {
        for (ConsumerName consumer : ConsumerName.values()) {
            applied(consumer, eventId, orderId, sequence, atMillis);
        }
    }

    void applied(ConsumerName consumer, String eventId, String orderId, int sequence, long atMillis)
            throws SQLException {
        update(
                "insert into " + consumer.effectTable() + " values (?, ?, ?, ?, ?, 'OUTBOX')",
                "f" + effectIds++,
                eventId,
                orderId,
                sequence,
                Timestamp.from(START.plusMillis(atMillis)));
    }

    void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
