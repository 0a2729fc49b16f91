package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.Subscriptions;
import org.outboxlab.ops.OutboxHousekeeper;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;
import org.outboxlab.testsupport.OutboxRelayControl;

/**
 * The housekeeping timer purges published outbox rows and old inbox rows, and keeps failed and
 * pending rows. Each purge's returned count is asserted exactly: shown to fail with the inbox's
 * cutoff at now instead of now less the retention (1 expected, 3 purged; 3 expected, 0 left).
 */
@ExtendWith(ArquillianExtension.class)
public class HousekeepingIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(HousekeepingIT.class);
    }

    @Test
    public void timerPurgesDoneRowsAndKeepsFailedOnes() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = api.placed("housekeeping", "OUTBOX", "PEN-1", 1);
        api.advance(orderId, "pay");
        probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
        List<String> events = probe.eventIds(orderId);
        assertEquals(2, events.size());
        // Ids as the product makes them (time-ordered), an hour old: below the purge's cutoff, so
        // only the status filter keeps them. The relay is paused so the PENDING row stays pending.
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        String failedId = EventIds.lowestAt(hourAgo);
        String pendingId = EventIds.lowestAt(hourAgo.plusMillis(1));
        String plant =
                "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                        + "schema_version, occurred_at, payload, write_mode, status, attempts, last_error) "
                        + "values (?, 'Order', ?, 'OrderPlaced', 1, 1, ?, '{}', 'OUTBOX', ?, ?, ?)";
        OutboxRelayControl.whilePaused(
                () -> {
                    probe.update(
                            plant,
                            failedId,
                            UUID.randomUUID().toString(),
                            Timestamp.from(hourAgo),
                            "FAILED",
                            10,
                            "kept for an operator");
                    probe.update(
                            plant,
                            pendingId,
                            UUID.randomUUID().toString(),
                            Timestamp.from(hourAgo),
                            "PENDING",
                            0,
                            null);
                    purgeWithShortRetention(probe, orderId, events);
                    assertEquals(
                            1,
                            probe.count(
                                    "select count(*) from outbox_event where event_id = ? and status = 'PENDING'",
                                    pendingId),
                            "a pending row waits for the relay, however old");
                    probe.update("delete from outbox_event where event_id = ?", pendingId);
                });
        assertEquals(
                1,
                probe.count(
                        "select count(*) from outbox_event where event_id = ? and status = 'FAILED'",
                        failedId),
                "a failed row waits for an operator");
        assertEquals(
                0,
                probe.count(
                        "select count(*) from outbox_event where status in ('PUBLISHED', 'DIRECT')"),
                "every published row older than the retention is gone");
        assertEquals(6, probe.effectsOfOrder(orderId), "effects are business records and stay");
        probe.update("delete from outbox_event where event_id = ?", failedId);
    }

    /**
     * Issue 13.1: an inbox row goes a retention after its event was processed, and a repeat that
     * comes after that (a re-publish under a new duplicate-detection id) finds no inbox row, yet
     * changes nothing: the order's applied sequence drops it, counted as a duplicate.
     */
    @Test
    public void repeatAfterTheInboxRetentionIsDroppedBySequence() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = api.placed("housekeeping-late", "OUTBOX", "PEN-1", 1);
        probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
        String eventId = probe.eventIds(orderId).get(0);
        String envelope = DuplicateDeliveryIT.envelopeOf(probe, eventId);
        OutboxHousekeeper housekeeper = housekeeper();

        // One consumer's inbox row aged past the 7-day retention, the other two processed just now:
        // the run must purge exactly that one (so it ran) and keep the two.
        Timestamp eightDaysAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(8)));
        String first = OutboxProbe.EFFECT_TABLES.keySet().iterator().next();
        probe.update(
                "update inbox set processed_at = ? where event_id = ? and consumer = ?",
                eightDaysAgo,
                eventId,
                first);
        assertEquals(
                1,
                purgeByHand(housekeeper).inboxRows(),
                "the purge counted the one inbox row it removed");
        assertEquals(
                2,
                probe.count("select count(*) from inbox where event_id = ?", eventId),
                "processed just now: kept for the whole retention");
        probe.update("update inbox set processed_at = ? where event_id = ?", eightDaysAgo, eventId);
        assertEquals(
                2,
                purgeByHand(housekeeper).inboxRows(),
                "the purge counted the two rows it removed");
        assertEquals(
                0,
                probe.count("select count(*) from inbox where event_id = ?", eventId),
                "the inbox rows processed 8 days ago purged after the 7-day retention");

        sendLateCopy(orderId, eventId, envelope);
        for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
            Await.until(
                    consumer + " to count the late repeat as a duplicate",
                    Duration.ofSeconds(30),
                    () -> probe.duplicatesAbsorbed(consumer, eventId) == 1,
                    () -> probe.duplicatesAbsorbed(consumer, eventId));
            assertEquals(1, probe.effects(consumer, eventId), consumer + " applied the event once");
        }
    }

    /**
     * A held event keeps its inbox row through the purge, however long it waits: a copy of it that
     * comes after the retention (a re-publish under a new duplicate-detection id) is counted as a
     * duplicate and changes nothing, instead of being held a second time, colliding with the held
     * row and dead-lettering.
     */
    @Test
    public void aHeldEventKeepsItsInboxRowThroughThePurge() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String applied = api.placed("housekeeping-done", "OUTBOX", "PEN-1", 1);
        probe.awaitEffects(List.of(applied), Duration.ofSeconds(30));
        String[] held = new String[1];
        OutboxRelayControl.whilePaused(
                () -> {
                    held[0] = api.placed("housekeeping-held", "OUTBOX", "PEN-1", 1);
                    assertEquals(200, api.advance(held[0], "pay").status());
                    probe.update(
                            "update outbox_event set status = 'DIRECT' where aggregate_id = ? and sequence_no = 1",
                            held[0]);
                });
        Await.until(
                "every consumer to hold the paid event",
                Duration.ofSeconds(30),
                () ->
                        probe.count("select count(*) from held_event where order_id = ?", held[0])
                                == 3,
                () -> probe.count("select count(*) from held_event where order_id = ?", held[0]));
        String heldEvent =
                probe.strings(
                                "select event_id from outbox_event where aggregate_id = ? and sequence_no = 2",
                                held[0])
                        .get(0);
        Timestamp eightDaysAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(8)));
        probe.update(
                "update inbox set processed_at = ? where event_id in (select event_id from"
                        + " outbox_event where aggregate_id in (?, ?))",
                eightDaysAgo,
                applied,
                held[0]);

        assertEquals(
                3,
                purgeByHand(housekeeper()).inboxRows(),
                "the applied order's three inbox rows purged, the held event's kept");
        assertEquals(
                3,
                probe.count("select count(*) from inbox where event_id = ?", heldEvent),
                "the held event's inbox rows stay until it is applied");

        sendLateCopy(held[0], heldEvent, DuplicateDeliveryIT.envelopeOf(probe, heldEvent));
        for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
            Await.until(
                    consumer + " to count the late copy of its held event as a duplicate",
                    Duration.ofSeconds(30),
                    () -> probe.duplicatesAbsorbed(consumer, heldEvent) == 1,
                    () -> probe.duplicatesAbsorbed(consumer, heldEvent));
        }
        assertEquals(
                3,
                probe.count("select count(*) from held_event where order_id = ?", held[0]),
                "still held once per consumer, waiting for sequence 1");
    }

    /**
     * A purge at the default retention removes a published row 25 hours old (its count says so) and
     * keeps the order's row of a moment ago, with its inbox rows.
     */
    @Test
    public void purgeKeepsRowsYoungerThanTheRetention() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = api.placed("housekeeping-young", "XA", "PEN-1", 1);
        probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
        Instant dayAgo = Instant.now().minus(Duration.ofHours(25));
        String oldId = EventIds.lowestAt(dayAgo);
        probe.update(
                "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                        + "schema_version, occurred_at, payload, write_mode, status, attempts) "
                        + "values (?, 'Order', ?, 'OrderPlaced', 1, 1, ?, '{}', 'XA', 'DIRECT', 0)",
                oldId,
                UUID.randomUUID().toString(),
                Timestamp.from(dayAgo));
        assertEquals(
                1,
                purgeByHand(housekeeper()).outboxRows(),
                "the purge counted the one row it removed");
        assertEquals(
                0,
                probe.count("select count(*) from outbox_event where event_id = ?", oldId),
                "the 25-hour-old row is gone");
        assertEquals(1, probe.eventIds(orderId).size(), "a row younger than 24 h stays");
        assertEquals(
                3,
                probe.count(
                        "select count(*) from inbox where event_id = ?",
                        probe.eventIds(orderId).get(0)));
    }

    /**
     * One purge run at the default retentions, by this test alone: the timer is put an hour off
     * first (a call made while the timer's own run is under way purges nothing, and the timer could
     * take the rows the test counts), and back to its minute after.
     */
    private static OutboxHousekeeper.Purged purgeByHand(OutboxHousekeeper housekeeper) {
        housekeeper.configure(3_600_000, Duration.ofHours(24), Duration.ofDays(7));
        try {
            OutboxHousekeeper.Purged[] run = {null};
            Await.until(
                    "a purge run of this test's own",
                    Duration.ofSeconds(20),
                    () -> {
                        OutboxHousekeeper.Purged purged = housekeeper.purge(Instant.now());
                        if (purged.outboxRows() + purged.inboxRows() > 0) {
                            run[0] = purged;
                        }
                        return run[0] != null;
                    },
                    () -> "every run purged nothing");
            return run[0];
        } finally {
            housekeeper.configure(60_000, Duration.ofHours(24), Duration.ofDays(7));
        }
    }

    private static void purgeWithShortRetention(
            OutboxProbe probe, String orderId, List<String> events) {
        OutboxHousekeeper housekeeper;
        try {
            housekeeper = housekeeper();
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
        housekeeper.configure(200, Duration.ofMillis(1), Duration.ofMillis(1));
        try {
            Await.until(
                    "the timer to purge the order's outbox and inbox rows",
                    Duration.ofSeconds(30),
                    () ->
                            probe.eventIds(orderId).isEmpty()
                                    && probe.count(
                                                    "select count(*) from inbox where event_id in (?, ?)",
                                                    events.get(0),
                                                    events.get(1))
                                            == 0,
                    () -> probe.eventIds(orderId));
        } finally {
            housekeeper.configure(60_000, Duration.ofHours(24), Duration.ofDays(7));
        }
    }

    /**
     * Sends {@code envelope} again to the topic under a new duplicate-detection id, as a re-publish
     * that comes after the inbox's retention would.
     */
    private static void sendLateCopy(String orderId, String eventId, String envelope)
            throws NamingException {
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/ConnectionFactory");
        Topic orderEvents = (Topic) jndi.lookup(Subscriptions.TOPIC);
        try (JMSContext context = factory.createContext()) {
            context.createProducer()
                    .setProperty("JMSXGroupID", orderId)
                    .setProperty("_AMQ_DUPL_ID", eventId + ":late")
                    .send(orderEvents, envelope);
        }
    }

    private static OutboxHousekeeper housekeeper() throws NamingException {
        return (OutboxHousekeeper)
                new InitialContext()
                        .lookup(
                                "java:global/outbox/outbox-ejb/OutboxHousekeeper!org.outboxlab.ops.OutboxHousekeeper");
    }
}
