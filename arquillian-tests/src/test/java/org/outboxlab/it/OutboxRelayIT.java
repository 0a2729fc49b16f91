package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.EventIds;
import org.outboxlab.relay.RelaySettings;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;
import org.outboxlab.testsupport.OutboxRelayControl;
import org.outboxlab.testsupport.TopicRecorder;

/**
 * The relay publishes what the outbox holds, marks it published, keeps each order's sequence, and
 * isolates bad rows.
 */
@ExtendWith(ArquillianExtension.class)
public class OutboxRelayIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(OutboxRelayIT.class);
    }

    /**
     * The order of publication is what a subscriber on the topic received: the rows' {@code
     * published_at} cannot say it, one batch stamps one instant on all its rows. Shown to fail with
     * the relay's per-order sort reversed (sequence descending): received [2, 1].
     */
    @Test
    public void heldEventsArePublishedInSequenceAndMarkedPublished() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        List<String> orders = new ArrayList<>();
        int[] events = {0};
        TopicRecorder topic = TopicRecorder.subscribe();
        OutboxRelayControl.whilePaused(
                () -> {
                    for (int i = 0; i < 6; i++) {
                        String orderId = api.placed("relay-" + i, "OUTBOX", "TEE-1", 1);
                        api.advance(orderId, "pay");
                        events[0] += 2;
                        if (i % 2 == 0) {
                            api.advance(orderId, "ship");
                            events[0]++;
                        }
                        orders.add(orderId);
                    }
                    for (String orderId : orders) {
                        assertEquals(
                                0,
                                probe.count(
                                        "select count(*) from outbox_event where aggregate_id = ? and status <> 'PENDING'",
                                        orderId),
                                "nothing leaves while the relay is paused");
                        assertEquals(0, probe.effectsOfOrder(orderId));
                    }
                });

        Map<String, List<Integer>> received;
        try (topic) {
            received = topic.await(orders, events[0], Duration.ofSeconds(30));
        }
        probe.awaitOutboxDrained(Duration.ofSeconds(30));
        probe.awaitEffects(orders, Duration.ofSeconds(30));
        for (String orderId : orders) {
            assertEquals(
                    0,
                    probe.count(
                            "select count(*) from outbox_event where aggregate_id = ? and "
                                    + "(status <> 'PUBLISHED' or published_at is null)",
                            orderId),
                    "every row marked published");
            List<Integer> sequence = received.get(orderId);
            assertEquals(
                    OutboxProbe.inSequence(sequence.size()),
                    sequence,
                    "order " + orderId + "'s events reached the topic in its sequence");
        }
        probe.assertEachEffectExactlyOnce(orders);
    }

    /**
     * Resume returns at once and the backlog drains on the relay's thread (it once drained on the
     * caller's).
     */
    @Test
    public void resumeReturnsBeforeTheBacklogIsDrained() {
        OutboxProbe probe = OutboxProbe.inServer();
        String run = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        int backlog = 2000;
        OutboxRelayControl.relay().pause();
        try {
            probe.update(
                    "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                            + "schema_version, occurred_at, payload, trace_parent, write_mode, status, attempts) "
                            + "select cast(random_uuid() as varchar(36)), 'Order', o, 'OrderPlaced', 1, 1, current_timestamp, "
                            + "concat('{\"orderId\":\"', o, '\",\"customerId\":\"resume\",\"status\":\"PLACED\",', "
                            + "'\"totalCents\":100,\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1,\"unitPriceCents\":100}]}'), "
                            + "null, 'OUTBOX', 'PENDING', 0 "
                            + "from (select concat(cast(? as varchar(40)), x) as o from system_range(1, "
                            + backlog
                            + ")) r",
                    run + "-");
        } finally {
            OutboxRelayControl.relay().resume();
        }
        long pendingRightAfter =
                probe.count(
                        "select count(*) from outbox_event where aggregate_id like ? and status = 'PENDING'",
                        run + "-%");
        assertTrue(
                pendingRightAfter > 0,
                "resume() returned only after draining all " + backlog + " rows");
        probe.awaitOutboxDrained(Duration.ofSeconds(60));
        Await.until(
                "the backlog's effects",
                Duration.ofSeconds(120),
                () ->
                        probe.count(
                                        "select count(*) from ledger_entry where order_id like ?",
                                        run + "-%")
                                == backlog,
                () ->
                        probe.count(
                                "select count(*) from ledger_entry where order_id like ?",
                                run + "-%"));
        // planted ids are not time-ordered, so housekeeping would never purge these rows: remove
        // them
        probe.update(
                "delete from inbox where event_id in (select event_id from outbox_event where aggregate_id like ?)",
                run + "-%");
        probe.update("delete from outbox_event where aggregate_id like ?", run + "-%");
    }

    /**
     * Issue 13.2: an order whose earlier event has FAILED publishes none of its later events (they
     * wait, pending) while other orders flow; once the failed row is retried, both leave in
     * sequence and are applied in order.
     */
    @Test
    public void laterEventsOfAnOrderWaitBehindItsFailedEvent() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String stuck = UUID.randomUUID().toString();
        String placed = EventIds.next();
        String paid = EventIds.next();
        List<String> others = new ArrayList<>();
        TopicRecorder topic = TopicRecorder.subscribe();
        OutboxRelayControl.whilePaused(
                () -> {
                    plant(probe, placed, stuck, "OrderPlaced", 1, "PLACED", "FAILED");
                    plant(probe, paid, stuck, "OrderPaid", 2, "PAID", "PENDING");
                    others.add(api.placed("beside-stuck-order", "OUTBOX", "LAMP-1", 1));
                });

        probe.awaitEffects(others, Duration.ofSeconds(30));
        probe.assertEachEffectExactlyOnce(others);
        assertEquals(
                List.of("PENDING"),
                probe.strings("select status from outbox_event where event_id = ?", paid),
                "the paid event waits behind the order's failed one");
        assertEquals(0, probe.effectsOfOrder(stuck));

        probe.update(
                "update outbox_event set status = 'PENDING', attempts = 0, last_error = null where event_id = ?",
                placed);
        probe.awaitEffects(List.of(stuck), Duration.ofSeconds(30));
        probe.assertEachEffectExactlyOnce(List.of(stuck));
        try (topic) {
            assertEquals(
                    List.of(1, 2),
                    topic.await(List.of(stuck), 2, Duration.ofSeconds(30)).get(stuck),
                    "the stuck order's events reached the topic in its sequence");
        }
        for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
            assertEquals(
                    List.of(1, 2),
                    probe.appliedSequence(consumer, stuck),
                    consumer + " applied in the order's sequence");
        }
    }

    /**
     * A batch the broker refuses whole (it holds one of its events already: a relay died between
     * the broker's commit and marking its rows) is published row by row, and that pass stops at its
     * time budget and commits what it did; the next drain publishes the rest. With a 1 ms budget
     * the pass handles one row, so a long pass can never run into the transaction timeout and start
     * over.
     */
    @Test
    public void rowByRowPublishingStopsAtItsBudgetAndCommitsItsProgress() throws IOException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        RelaySettings settings = CDI.current().select(RelaySettings.class).get();
        String first = api.placed("budget-first", "OUTBOX", "LAMP-1", 1);
        Await.until(
                "the first order's event published",
                Duration.ofSeconds(30),
                () ->
                        probe.count(
                                        "select count(*) from outbox_event where aggregate_id = ? and status = 'PUBLISHED'",
                                        first)
                                == 1,
                () ->
                        probe.strings(
                                "select status from outbox_event where aggregate_id = ?", first));
        List<String> orders = new ArrayList<>(List.of(first));
        long budget = settings.oneByOneBudgetMs();
        Path log = Path.of(System.getProperty("jboss.server.log.dir"), "server.log");
        long logBefore = Files.size(log);
        settings.setOneByOneBudgetMs(1);
        try {
            OutboxRelayControl.whilePaused(
                    () -> {
                        probe.update(
                                "update outbox_event set status = 'PENDING', published_at = null where aggregate_id = ?",
                                first);
                        for (int i = 0; i < 20; i++) {
                            orders.add(api.placed("budget-" + i, "OUTBOX", "LAMP-1", 1));
                        }
                    });
            probe.awaitEffects(orders, Duration.ofSeconds(60));
        } finally {
            settings.setOneByOneBudgetMs(budget);
        }
        probe.assertEachEffectExactlyOnce(orders);
        assertEquals(
                0,
                probe.count(
                        "select count(*) from outbox_event where status <> 'PUBLISHED' and aggregate_id in ("
                                + String.join(",", orders.stream().map(o -> "'" + o + "'").toList())
                                + ")"),
                "every row published");
        String logged;
        try (var in = Files.newInputStream(log)) {
            in.skip(logBefore);
            logged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(
                Pattern.compile(
                                "publishing row by row: 1 of \\d+ rows handled within the time budget")
                        .matcher(logged)
                        .find(),
                "the pass stopped at its budget after one row");
    }

    private static void plant(
            OutboxProbe probe,
            String eventId,
            String orderId,
            String type,
            int sequence,
            String status,
            String rowStatus) {
        probe.update(
                "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                        + "schema_version, occurred_at, payload, write_mode, status, attempts, last_error) "
                        + "values (?, 'Order', ?, ?, ?, 1, ?, ?, 'OUTBOX', ?, 0, null)",
                eventId,
                orderId,
                type,
                sequence,
                new Timestamp(System.currentTimeMillis()),
                "{\"orderId\":\""
                        + orderId
                        + "\",\"customerId\":\"stuck\",\"status\":\""
                        + status
                        + "\",\"totalCents\":100,\"lines\":[{\"sku\":\"LAMP-1\",\"quantity\":1,\"unitPriceCents\":100}]}",
                rowStatus);
    }

    @Test
    public void rowThatCannotBecomeAMessageFailsAloneWithItsError() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String badId = UUID.randomUUID().toString();
        List<String> orders = new ArrayList<>();
        OutboxRelayControl.whilePaused(
                () -> {
                    probe.update(
                            "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                                    + "schema_version, occurred_at, payload, write_mode, status, attempts) "
                                    + "values (?, 'Order', ?, 'OrderPlaced', 1, 1, ?, 'this is not JSON', 'OUTBOX', 'PENDING', 0)",
                            badId,
                            UUID.randomUUID().toString(),
                            new Timestamp(System.currentTimeMillis()));
                    orders.add(api.placed("beside-bad-row", "OUTBOX", "LAMP-1", 1));
                });

        Await.until(
                "the bad row to fail",
                Duration.ofSeconds(30),
                () ->
                        probe.count(
                                        "select count(*) from outbox_event where event_id = ? and status = 'FAILED'",
                                        badId)
                                == 1,
                () -> probe.strings("select status from outbox_event where event_id = ?", badId));
        String error =
                probe.strings("select last_error from outbox_event where event_id = ?", badId)
                        .get(0);
        assertTrue(error.contains("not a JSON object"), error);
        probe.awaitEffects(orders, Duration.ofSeconds(30));
        probe.assertEachEffectExactlyOnce(orders);
        probe.update("delete from outbox_event where event_id = ?", badId);
    }
}
