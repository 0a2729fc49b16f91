package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;
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

    private static final Instant START = LabDatabase.START;

    private LabDatabase lab;

    @BeforeEach
    void schema() throws SQLException {
        lab = new LabDatabase();
    }

    @AfterEach
    void close() throws SQLException {
        lab.close();
    }

    @Test
    void aCleanRunHasNoAnomalyAndARecoveryTime() throws SQLException {
        lab.order("o1", "c1");
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.appliedEverywhere("e1", "o1", 1, 100);

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
        lab.order("o1", "c1");
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.applied(ConsumerName.FULFILMENT, "e1", "o1", 1, 100);
        lab.applied(ConsumerName.NOTIFICATION, "e1", "o1", 1, 100);

        RunResult result = audit(Map.of());

        assertEquals(1, result.lost());
        assertNull(result.recoverySeconds(), "no recovery time while an event is lost");
    }

    @Test
    void anEffectWithoutACommittedEventIsAPhantom() throws SQLException {
        lab.order("o1", "c1");
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.appliedEverywhere("e1", "o1", 1, 100);
        lab.applied(ConsumerName.LEDGER, "e-invented", "o1", 2, 200);

        assertEquals(1, audit(Map.of()).phantom());
    }

    @Test
    void anEventAppliedTwiceIsADuplicateEffect() throws SQLException {
        lab.order("o1", "c1");
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.appliedEverywhere("e1", "o1", 1, 100);
        lab.applied(ConsumerName.LEDGER, "e1", "o1", 1, 150);

        RunResult result = audit(Map.of());

        assertEquals(1, result.duplicateEffects());
        assertEquals(0, result.lost());
    }

    @Test
    void anOrdersLaterEventAppliedFirstIsOutOfOrder() throws SQLException {
        lab.order("o1", "c1");
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.event("e2", "o1", "OrderPaid", 10);
        for (ConsumerName consumer : List.of(ConsumerName.FULFILMENT, ConsumerName.LEDGER)) {
            lab.applied(consumer, "e1", "o1", 1, 100);
            lab.applied(consumer, "e2", "o1", 2, 200);
        }
        lab.applied(ConsumerName.NOTIFICATION, "e2", "o1", 2, 50);
        lab.applied(ConsumerName.NOTIFICATION, "e1", "o1", 1, 100);

        RunResult result = audit(Map.of());

        assertEquals(
                1, result.outOfOrder(), "notification applied the payment before the placement");
        assertEquals(0, result.lost());
    }

    @Test
    void aDeadLetteredEventIsCountedAsParkedNotLost() throws SQLException {
        lab.order("o1", "c1");
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.applied(ConsumerName.FULFILMENT, "e1", "o1", 1, 100);
        lab.applied(ConsumerName.LEDGER, "e1", "o1", 1, 100);

        RunResult result = audit(Map.of(ConsumerName.NOTIFICATION.id(), Set.of("e1")));

        assertEquals(1, result.deadLettered());
        assertEquals(0, result.lost());
    }

    @Test
    void ordersOfOtherRunsAreNotAudited() throws SQLException {
        lab.update("insert into customer_order values (?, ?)", "o9", "t2-c1"); // another run's tag
        lab.event("e9", "o9", "OrderPlaced", 0);

        RunResult result = audit(Map.of());

        assertEquals(0, result.committed());
        assertEquals(0, result.lost());
    }

    @Test
    void aClusterRunCountsItsStaleDeliveriesAndASingleNodeRunNone() throws SQLException {
        lab.order("o1", "c1");
        lab.event("e1", "o1", "OrderPlaced", 0);
        lab.appliedEverywhere("e1", "o1", 1, 100);
        lab.update("insert into customer_order values (?, ?)", "o9", "t2-c1"); // another run's tag
        lab.update("insert into consumer_progress values ('fulfilment', 'o1', 2)");
        lab.update("insert into consumer_progress values ('ledger', 'o1', 1)");
        lab.update("insert into consumer_progress values ('ledger', 'o9', 5)");

        assertEquals(3L, audit(Map.of(), true).stalePublishes());
        assertNull(audit(Map.of(), false).stalePublishes());
    }

    private RunResult audit(Map<String, Set<String>> deadLetters) throws SQLException {
        return audit(deadLetters, false);
    }

    private RunResult audit(Map<String, Set<String>> deadLetters, boolean cluster)
            throws SQLException {
        RunRecord run =
                new RunRecord(
                        "OUTBOX",
                        "baseline",
                        "none",
                        LabDatabase.TAG,
                        START,
                        START.plusSeconds(1),
                        START,
                        1,
                        List.of(),
                        "");
        return new Audit(lab.db).audit(run, deadLetters, 0, true, cluster);
    }
}
