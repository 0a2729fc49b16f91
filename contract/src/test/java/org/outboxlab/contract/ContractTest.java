package org.outboxlab.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The shared names agree with each other (the EJB module's SubscriptionsTest checks them against
 * jms-config).
 */
class ContractTest {

    @Test
    void consumersAreFoundByTheirIdsAndNameTheirQueues() {
        for (ConsumerName consumer : ConsumerName.values()) {
            assertEquals(consumer, ConsumerName.byId(consumer.id()).orElseThrow());
            assertEquals(consumer.queue() + ".DLQ", consumer.deadLetterQueue());
        }
        assertEquals("fulfilment", ConsumerName.FULFILMENT.id());
        assertTrue(ConsumerName.byId("billing").isEmpty());
        assertEquals(
                Subscriptions.FULFILMENT_SELECTOR,
                Subscriptions.selector(Subscriptions.FULFILMENT));
        assertEquals(
                Subscriptions.NOTIFICATION_SELECTOR,
                Subscriptions.selector(Subscriptions.NOTIFICATION));
        assertEquals(Subscriptions.LEDGER_SELECTOR, Subscriptions.selector(Subscriptions.LEDGER));
    }

    @Test
    void eachComparedModeHasACrashPointBetweenItsTwoWrites() {
        assertEquals(
                CrashPoint.OUTBOX_AFTER_BROKER_COMMIT,
                CrashPoint.betweenTheWritesOf(WriteMode.OUTBOX));
        assertEquals(
                CrashPoint.CDC_AFTER_BROKER_COMMIT, CrashPoint.betweenTheWritesOf(WriteMode.CDC));
        assertEquals(CrashPoint.XA_AFTER_PREPARE, CrashPoint.betweenTheWritesOf(WriteMode.XA));
        assertEquals(
                CrashPoint.NAIVE_AFTER_DB_COMMIT, CrashPoint.betweenTheWritesOf(WriteMode.NAIVE));
        assertThrows(
                IllegalArgumentException.class,
                () -> CrashPoint.betweenTheWritesOf(WriteMode.BASELINE));
        for (CrashPoint point : CrashPoint.values()) {
            assertEquals(point, CrashPoint.byId(point.id()).orElseThrow());
        }
        assertEquals(java.util.List.of("OUTBOX", "CDC", "XA", "NAIVE"), WriteMode.comparedNames());
    }

    @Test
    void aCapturedChangeHasTheSameIdEachTimeItIsRead() {
        String order = "0b6f3a52-93c1-4a8e-9d4e-1f2a3b4c5d6e";
        assertEquals(EventIds.ofChange(order, 2), EventIds.ofChange(order, 2));
        assertTrue(!EventIds.ofChange(order, 1).equals(EventIds.ofChange(order, 2)));
        assertTrue(
                !EventIds.ofChange(order, 1)
                        .equals(EventIds.ofChange("0b6f3a52-93c1-4a8e-9d4e-1f2a3b4c5d6f", 1)));
        assertEquals(36, EventIds.ofChange(order, 1).length());
    }

    @Test
    void cdcWritesNoEventRowAndPromisesWhatTheOutboxPromises() {
        assertTrue(WriteMode.CDC.recordsEvent() && WriteMode.CDC.readsChangeLog());
        assertTrue(!WriteMode.CDC.writesEventRow() && !WriteMode.CDC.leavesRowForRelay());
        assertTrue(
                WriteMode.OUTBOX.writesEventRow()
                        && WriteMode.XA.writesEventRow()
                        && WriteMode.NAIVE.writesEventRow()
                        && !WriteMode.BASELINE.writesEventRow());
        assertEquals(WriteMode.WhenBrokerDown.ACCEPTS, WriteMode.CDC.whenBrokerDown());
        assertTrue(WriteMode.CDC.promisesExactlyOnceEffect());
        assertTrue(!WriteMode.CDC.sendsWhileWriting() && !WriteMode.CDC.twoPhaseCommit());
    }

    @Test
    void eachModeSaysWhatItDoesWithTheBrokerAndWhatTheLabMustSee() {
        assertTrue(WriteMode.OUTBOX.leavesRowForRelay());
        assertTrue(!WriteMode.XA.leavesRowForRelay() && !WriteMode.NAIVE.leavesRowForRelay());
        assertEquals(WriteMode.WhenBrokerDown.REFUSES, WriteMode.XA.whenBrokerDown());
        assertEquals(WriteMode.WhenBrokerDown.ACCEPTS, WriteMode.OUTBOX.whenBrokerDown());
        assertEquals(WriteMode.WhenBrokerDown.COMMITS_UNSENT, WriteMode.NAIVE.whenBrokerDown());
        assertTrue(WriteMode.XA.sendsWhileWriting() && WriteMode.NAIVE.sendsWhileWriting());
        assertTrue(
                !WriteMode.OUTBOX.sendsWhileWriting() && !WriteMode.BASELINE.sendsWhileWriting());
        assertTrue(WriteMode.XA.twoPhaseCommit() && !WriteMode.OUTBOX.twoPhaseCommit());
        assertTrue(WriteMode.OUTBOX.promisesExactlyOnceEffect());
        assertTrue(WriteMode.XA.promisesExactlyOnceEffect());
        assertTrue(!WriteMode.NAIVE.promisesExactlyOnceEffect());
        assertTrue(WriteMode.NAIVE.losesWhenHaltedBetweenItsWrites());
        assertTrue(!WriteMode.OUTBOX.losesWhenHaltedBetweenItsWrites());
        assertTrue(!WriteMode.BASELINE.recordsEvent() && WriteMode.XA.recordsEvent());
        assertEquals(WriteMode.XA, WriteMode.byName("XA").orElseThrow());
        assertTrue(WriteMode.byName("xa").isEmpty());
        java.util.Set<String> colours = new java.util.HashSet<>();
        for (WriteMode mode : WriteMode.values()) {
            assertTrue(mode.colour().matches("#[0-9a-f]{6}"), mode.colour());
            assertTrue(colours.add(mode.colour()), "one colour per mode");
            assertTrue(!mode.label().isBlank());
        }
        assertEquals(
                java.util.List.of(
                        WriteMode.BASELINE, WriteMode.NAIVE, WriteMode.XA, WriteMode.OUTBOX),
                WriteMode.BENCHMARKED);
    }

    @Test
    void anOrderEndsWithItsShipmentOrCancellation() {
        assertTrue(EventTypes.endsItsOrder(EventTypes.ORDER_SHIPPED));
        assertTrue(EventTypes.endsItsOrder(EventTypes.ORDER_CANCELLED));
        assertTrue(!EventTypes.endsItsOrder(EventTypes.ORDER_PAID));
    }
}
