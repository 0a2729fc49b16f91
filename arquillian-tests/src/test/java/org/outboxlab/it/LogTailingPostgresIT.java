package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.Partitions;
import org.outboxlab.logtail.LogTailingRelay;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;
import org.outboxlab.testsupport.OutboxRelayControl;

/**
 * The log-tailing relay on a real PostgreSQL (wal_level logical, pg.sh's replication role and
 * publication): committed outbox rows reach every consumer once, published by the slot's reader and
 * counted by what it really sent; an order's row waits behind an unpublishable predecessor; and a
 * slot dropped while rows were committed, recreated by the reader past them, loses nothing, for the
 * polling sweeper publishes what the new slot never shows.
 */
@ExtendWith(ArquillianExtension.class)
public class LogTailingPostgresIT {

    private static final String SLOT = "outbox_relay";

    private final List<String> orders = new ArrayList<>();
    private OutboxProbe probe;
    private LogTailingRelay reader;

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(
                Map.of(
                        "outbox.relay.strategy", "log-tailing",
                        "outbox.relay.sweep-after-ms", "3000",
                        "outbox.relay.sweep-interval-ms", "500"),
                LogTailingPostgresIT.class);
    }

    @BeforeEach
    void inServer() {
        probe = OutboxProbe.inServer();
        reader = CDI.current().select(LogTailingRelay.class).get();
        Await.until(
                "the reader to hold the slot",
                Duration.ofSeconds(30),
                () -> reader.state().reading(),
                () -> reader.state());
    }

    @AfterEach
    void cleanUp() {
        for (String order : orders) {
            probe.update("delete from outbox_event where aggregate_id = ?", order);
        }
    }

    /**
     * Forty orders of two events each, committed one transaction an order while the relay runs, are
     * applied once each, in sequence, within a few seconds, before the sweeper may touch them: the
     * reader's own count of what it sent covers every one, and the slot's confirmed position passes
     * their commits.
     */
    @Test
    public void publishesCommittedRowsFromTheSlot() throws Exception {
        long before = reader.state().published();
        for (int i = 0; i < 40; i++) {
            String order = order();
            probe.update(
                    "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, "
                            + "sequence_no, partition_no, schema_version, occurred_at, payload, "
                            + "write_mode, status, attempts) values "
                            + "(?, 'Order', ?, 'OrderPlaced', 1, ?, 1, ?, ?, 'OUTBOX', 'PENDING', 0), "
                            + "(?, 'Order', ?, 'OrderPaid', 2, ?, 1, ?, ?, 'OUTBOX', 'PENDING', 0)",
                    EventIds.next(),
                    order,
                    Partitions.of(order),
                    new Timestamp(System.currentTimeMillis()),
                    payload(order, "PLACED"),
                    EventIds.next(),
                    order,
                    Partitions.of(order),
                    new Timestamp(System.currentTimeMillis()),
                    payload(order, "PAID"));
        }
        String committedAt = probe.strings("select pg_current_wal_lsn()::text").get(0);

        probe.awaitEffects(orders, Duration.ofSeconds(30));
        Await.until(
                "every row marked published",
                Duration.ofSeconds(30),
                () -> pending() == 0,
                this::pending);
        probe.assertEachEffectExactlyOnce(orders);
        assertEquals(
                80,
                reader.state().published() - before,
                "the reader sent all 80 events itself (the sweeper waits 3 s)");
        for (String order : orders) {
            assertEquals(
                    List.of(1, 2),
                    probe.appliedSequence("fulfilment", order),
                    "order " + order + " applied in its sequence");
        }
        awaitConfirmedPast(committedAt, "the slot's confirmed position to pass the commits");
    }

    /**
     * A first event that cannot become a message is FAILED; its order's second event, read from the
     * log right behind it, stays pending and reaches no consumer, from the reader or the sweeper.
     */
    @Test
    public void aRowWaitsBehindAnUnpublishablePredecessor() throws Exception {
        String order = order();
        String placed = EventIds.next();
        String paid = EventIds.next();
        plant(placed, order, "OrderPlaced", 1, "this is not JSON");
        plant(paid, order, "OrderPaid", 2, payload(order, "PAID"));

        Await.until(
                "sequence 1 to fail",
                Duration.ofSeconds(30),
                () -> status(placed).equals(List.of("FAILED")),
                () -> status(placed));
        Thread.sleep(4_000); // past the sweeper's bound
        assertEquals(List.of("PENDING"), status(paid), "sequence 2 waits behind sequence 1");
        assertEquals(0, probe.effectsOfOrder(order), "no consumer saw sequence 2");
    }

    /**
     * Rows committed while the relay is paused are in the slot; the slot is then dropped, and the
     * reader, resumed, makes a new one that starts after them. The sweeper publishes them: each
     * effect once, none of them sent by the reader.
     */
    @Test
    public void aLostSlotLosesNothing() throws Exception {
        long before = reader.state().published();
        OutboxRelayControl.whilePaused(
                () -> {
                    for (int i = 0; i < 10; i++) {
                        String order = order();
                        plant(EventIds.next(), order, "OrderPlaced", 1, payload(order, "PLACED"));
                    }
                    awaitSlotIdle();
                    replicationQuery("select pg_drop_replication_slot('" + SLOT + "')");
                });

        probe.awaitEffects(orders, Duration.ofSeconds(40));
        probe.assertEachEffectExactlyOnce(orders);
        assertEquals(
                1,
                probe.count("select count(*) from pg_replication_slots where slot_name = ?", SLOT),
                "the reader made the slot anew");
        assertEquals(
                before,
                reader.state().published(),
                "the reader never saw the rows committed before its new slot: the sweeper sent them");
        assertTrue(
                probe.count(
                                "select count(*) from outbox_event where aggregate_id in ("
                                        + String.join(
                                                ",",
                                                orders.stream().map(o -> "'" + o + "'").toList())
                                        + ") and status = 'PUBLISHED'")
                        == orders.size(),
                "every row marked published");
    }

    /**
     * The reader's walsender is ended three times while 150 orders are committed: each time the
     * reader comes back and reads on from the slot's last confirmed position. Nothing is lost and
     * nothing sent twice: the reader's count of what it sent is exactly the number of rows (none
     * left to the sweeper), and each effect happens once.
     */
    @Test
    public void aReaderCutOffMidStreamSendsNothingTwice() throws Exception {
        long before = reader.state().published();
        Thread writer =
                new Thread(
                        () -> {
                            for (int i = 0; i < 150; i++) {
                                String order = order();
                                plant(
                                        EventIds.next(),
                                        order,
                                        "OrderPlaced",
                                        1,
                                        payload(order, "PLACED"));
                            }
                        });
        writer.start();
        for (int cut = 0; cut < 3; cut++) {
            Thread.sleep(150);
            endReaderSession();
        }
        writer.join();

        probe.awaitEffects(orders, Duration.ofSeconds(30));
        probe.assertEachEffectExactlyOnce(orders);
        Await.until(
                "every row marked published",
                Duration.ofSeconds(15),
                () -> pending() == 0,
                this::pending);
        assertEquals(
                150,
                reader.state().published() - before,
                "each row sent once by the reader, none again after a cut, none left to the sweeper");
    }

    /**
     * The slot is wound back to before 30 rows the reader published and marked (a copy of the slot
     * made before them takes its place), so the reader reads them all again, as after a crash
     * between its mark and its confirmation. It sends none of them again: its count of what it sent
     * grows by 30 only, no consumer counts a duplicate, and each effect happens once.
     */
    @Test
    public void rowsReadAgainAfterTheirMarkAreNotSentAgain() throws Exception {
        long before = reader.state().published();
        OutboxRelayControl.whilePaused(
                () -> {
                    awaitSlotIdle();
                    replicationQuery(
                            "select pg_copy_logical_replication_slot('"
                                    + SLOT
                                    + "', '"
                                    + SLOT
                                    + "_rewind')");
                });
        for (int i = 0; i < 30; i++) {
            String order = order();
            plant(EventIds.next(), order, "OrderPlaced", 1, payload(order, "PLACED"));
        }
        String committedAt = probe.strings("select pg_current_wal_lsn()::text").get(0);
        probe.awaitEffects(orders, Duration.ofSeconds(30));
        assertEquals(30, reader.state().published() - before, "the reader sent the 30 rows");

        OutboxRelayControl.whilePaused(
                () -> {
                    awaitSlotIdle();
                    replicationQuery("select pg_drop_replication_slot('" + SLOT + "')");
                    replicationQuery(
                            "select pg_copy_logical_replication_slot('"
                                    + SLOT
                                    + "_rewind', '"
                                    + SLOT
                                    + "')");
                    replicationQuery("select pg_drop_replication_slot('" + SLOT + "_rewind')");
                });
        awaitConfirmedPast(committedAt, "the reader to read the 30 rows again");
        assertEquals(30, reader.state().published() - before, "none of them sent again");
        probe.assertEachEffectExactlyOnce(orders);
        assertEquals(
                0,
                probe.count(
                        "select coalesce(sum(i.duplicates), 0) from inbox i join outbox_event e "
                                + "on e.event_id = i.event_id where e.aggregate_id in ("
                                + String.join(",", orders.stream().map(o -> "'" + o + "'").toList())
                                + ")"),
                "no consumer received one of them twice");
    }

    private void awaitConfirmedPast(String lsn, String what) {
        Await.until(
                what,
                Duration.ofSeconds(15),
                () ->
                        probe.count(
                                        "select count(*) from pg_replication_slots where slot_name = ? "
                                                + "and confirmed_flush_lsn >= ?::pg_lsn",
                                        SLOT,
                                        lsn)
                                == 1,
                () -> probe.strings("select confirmed_flush_lsn::text from pg_replication_slots"));
    }

    private void awaitSlotIdle() {
        Await.until(
                "the reader to leave the slot",
                Duration.ofSeconds(15),
                () -> slotActive() == 0,
                this::slotActive);
    }

    private static void replicationQuery(String sql) {
        try (Connection connection = replication().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Ends the walsender streaming the slot, as the replication role may. */
    private static void endReaderSession() {
        try (Connection connection = replication().getConnection();
                Statement statement = connection.createStatement();
                ResultSet ended =
                        statement.executeQuery(
                                "select pg_terminate_backend(active_pid) from pg_replication_slots"
                                        + " where slot_name = '"
                                        + SLOT
                                        + "' and active_pid is not null")) {
            while (ended.next()) {
                // ended
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not end the reader's session", e);
        }
    }

    private static DataSource replication() throws javax.naming.NamingException {
        return (DataSource) new InitialContext().lookup(LogTailingRelay.REPLICATION_DATASOURCE);
    }

    private long slotActive() {
        return probe.count(
                "select count(*) from pg_replication_slots where slot_name = ? and active", SLOT);
    }

    private long pending() {
        return probe.count(
                "select count(*) from outbox_event where status = 'PENDING' and aggregate_id in ("
                        + String.join(",", orders.stream().map(o -> "'" + o + "'").toList())
                        + ")");
    }

    private String order() {
        String order = UUID.randomUUID().toString();
        orders.add(order);
        return order;
    }

    private List<String> status(String eventId) {
        return probe.strings("select status from outbox_event where event_id = ?", eventId);
    }

    private void plant(String eventId, String order, String type, int sequence, String payload) {
        probe.update(
                "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                        + "partition_no, schema_version, occurred_at, payload, write_mode, status, attempts) "
                        + "values (?, 'Order', ?, ?, ?, ?, 1, ?, ?, 'OUTBOX', 'PENDING', 0)",
                eventId,
                order,
                type,
                sequence,
                Partitions.of(order),
                new Timestamp(System.currentTimeMillis()),
                payload);
    }

    private static String payload(String order, String status) {
        return "{\"orderId\":\""
                + order
                + "\",\"customerId\":\"log-tailing\",\"status\":\""
                + status
                + "\",\"totalCents\":100,\"lines\":[{\"sku\":\"LAMP-1\",\"quantity\":1,"
                + "\"unitPriceCents\":100}]}";
    }
}
