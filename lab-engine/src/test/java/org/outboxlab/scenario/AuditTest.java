package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.ConsumerName;

/**
 * The audit counts what the database holds, each anomaly planted on its own in an in-memory H2 with
 * the tables the audit reads: a clean run has none, then a lost event, a phantom effect, a
 * duplicate effect, an order applied out of sequence and a dead-lettered event are each found and
 * counted.
 */
class AuditTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final String TAG = "t1";

    private Connection db;
    private int effectIds;

    @BeforeEach
    void schema() throws SQLException {
        db = DriverManager.getConnection("jdbc:h2:mem:audit-" + System.nanoTime());
        try (Statement s = db.createStatement()) {
            s.execute(
                    "create table customer_order (id varchar(64) primary key, customer_id varchar(64))");
            s.execute(
                    "create table outbox_event (event_id varchar(64) primary key, aggregate_id varchar(64), "
                            + "event_type varchar(32), occurred_at timestamp, status varchar(16))");
            s.execute(
                    "create table inbox (event_id varchar(64), consumer varchar(32), duplicates int)");
            for (ConsumerName consumer : ConsumerName.values()) {
                s.execute(
                        "create table "
                                + consumer.effectTable()
                                + " (id varchar(64) primary key, event_id varchar(64), "
                                + "order_id varchar(64), sequence_no int, applied_at timestamp, write_mode varchar(16))");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void aCleanRunHasNoAnomalyAndARecoveryTime() throws SQLException {
        order("o1", "c1");
        event("e1", "o1", "OrderPlaced", 0);
        appliedEverywhere("e1", "o1", 1, 100);

        RunResult result = audit(Map.of());

        assertEquals(1, result.committed());
        assertEquals(
                List.of(0L, 0L, 0L, 0L, 0L),
                List.of(
                        result.lost(),
                        result.phantom(),
                        result.duplicateEffects(),
                        result.outOfOrder(),
                        result.deadLettered()));
        assertEquals(
                0.1,
                result.recoverySeconds(),
                1e-9,
                "the last effect landed 100 ms after the fault was over");
    }

    @Test
    void anEventOneConsumerNeverAppliedIsLost() throws SQLException {
        order("o1", "c1");
        event("e1", "o1", "OrderPlaced", 0);
        applied(ConsumerName.FULFILMENT, "e1", "o1", 1, 100);
        applied(ConsumerName.NOTIFICATION, "e1", "o1", 1, 100);

        RunResult result = audit(Map.of());

        assertEquals(1, result.lost());
        assertNull(result.recoverySeconds(), "no recovery time while an event is lost");
    }

    @Test
    void anEffectWithoutACommittedEventIsAPhantom() throws SQLException {
        order("o1", "c1");
        event("e1", "o1", "OrderPlaced", 0);
        appliedEverywhere("e1", "o1", 1, 100);
        applied(ConsumerName.LEDGER, "e-invented", "o1", 2, 200);

        assertEquals(1, audit(Map.of()).phantom());
    }

    @Test
    void anEventAppliedTwiceIsADuplicateEffect() throws SQLException {
        order("o1", "c1");
        event("e1", "o1", "OrderPlaced", 0);
        appliedEverywhere("e1", "o1", 1, 100);
        applied(ConsumerName.LEDGER, "e1", "o1", 1, 150);

        RunResult result = audit(Map.of());

        assertEquals(1, result.duplicateEffects());
        assertEquals(0, result.lost());
    }

    @Test
    void anOrdersLaterEventAppliedFirstIsOutOfOrder() throws SQLException {
        order("o1", "c1");
        event("e1", "o1", "OrderPlaced", 0);
        event("e2", "o1", "OrderPaid", 10);
        for (ConsumerName consumer : List.of(ConsumerName.FULFILMENT, ConsumerName.LEDGER)) {
            applied(consumer, "e1", "o1", 1, 100);
            applied(consumer, "e2", "o1", 2, 200);
        }
        applied(ConsumerName.NOTIFICATION, "e2", "o1", 2, 50);
        applied(ConsumerName.NOTIFICATION, "e1", "o1", 1, 100);

        RunResult result = audit(Map.of());

        assertEquals(
                1, result.outOfOrder(), "notification applied the payment before the placement");
        assertEquals(0, result.lost());
    }

    @Test
    void aDeadLetteredEventIsCountedAsParkedNotLost() throws SQLException {
        order("o1", "c1");
        event("e1", "o1", "OrderPlaced", 0);
        applied(ConsumerName.FULFILMENT, "e1", "o1", 1, 100);
        applied(ConsumerName.LEDGER, "e1", "o1", 1, 100);

        RunResult result = audit(Map.of(ConsumerName.NOTIFICATION.id(), Set.of("e1")));

        assertEquals(1, result.deadLettered());
        assertEquals(0, result.lost());
    }

    @Test
    void ordersOfOtherRunsAreNotAudited() throws SQLException {
        update("insert into customer_order values (?, ?)", "o9", "t2-c1"); // another run's tag
        event("e9", "o9", "OrderPlaced", 0);

        RunResult result = audit(Map.of());

        assertEquals(0, result.committed());
        assertEquals(0, result.lost());
        assertTrue(result.quiesced());
    }

    private RunResult audit(Map<String, Set<String>> deadLetters) throws SQLException {
        RunRecord run =
                new RunRecord(
                        "OUTBOX",
                        "baseline",
                        "none",
                        TAG,
                        START,
                        START.plusSeconds(1),
                        START,
                        1,
                        List.of(),
                        "");
        return new Audit(db).audit(run, deadLetters, 0, true);
    }

    private void order(String id, String customer) throws SQLException {
        update("insert into customer_order values (?, ?)", id, TAG + "-" + customer);
    }

    private void event(String id, String orderId, String type, long atMillis) throws SQLException {
        update(
                "insert into outbox_event values (?, ?, ?, ?, 'PUBLISHED')",
                id,
                orderId,
                type,
                Timestamp.from(START.plusMillis(atMillis)));
    }

    private void appliedEverywhere(String eventId, String orderId, int sequence, long atMillis)
            throws SQLException {
        for (ConsumerName consumer : ConsumerName.values()) {
            applied(consumer, eventId, orderId, sequence, atMillis);
        }
    }

    private void applied(
            ConsumerName consumer, String eventId, String orderId, int sequence, long atMillis)
            throws SQLException {
        update(
                "insert into " + consumer.effectTable() + " values (?, ?, ?, ?, ?, 'OUTBOX')",
                "f" + effectIds++,
                eventId,
                orderId,
                sequence,
                Timestamp.from(START.plusMillis(atMillis)));
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
