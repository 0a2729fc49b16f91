package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.EventIds;
import org.outboxlab.logtail.LogTailingRelay;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;
import org.outboxlab.testsupport.OutboxRelayControl;

/**
 * Change data capture on a real PostgreSQL ({@code outbox.cdc.enabled=true}, the relay polling): an
 * order written in mode CDC stores no outbox row, yet each of its changes reaches every consumer
 * once, in sequence, as the event the log reader built from the order's rows, with the id derived
 * from the order and the change, the one the API answered; an OUTBOX order beside it still goes
 * through its outbox row and the polling relay, not through the log; and the changes a dropped slot
 * held are published all the same, rebuilt from the order rows by the catch-up of the slot made
 * anew.
 */
@ExtendWith(ArquillianExtension.class)
public class ChangeCapturePostgresIT {

    private static final String SLOT = "outbox_relay";

    private OutboxProbe probe;
    private LogTailingRelay reader;

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(
                Map.of("outbox.cdc.enabled", "true"), ChangeCapturePostgresIT.class);
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

    /**
     * Ten CDC orders placed, paid and shipped or cancelled through the API: no outbox row, every
     * change applied once by every consumer in its sequence, the ids those of the changes, the
     * ledger's postings from the rows' totals (a charge and, for a cancel, its reversal), and the
     * reader's own count of what it sent covers all 30.
     */
    @Test
    public void eachChangeOfACdcOrderReachesEveryConsumerOnceInSequence() {
        OrderApi api = OrderApi.local();
        long before = reader.state().published();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            OrderApi.Reply placed =
                    api.place("cdc-" + i + "-" + System.nanoTime(), "CDC", "BOOK-1", 2);
            assertEquals(201, placed.status(), placed.body());
            String order = placed.string("orderId");
            assertEquals(EventIds.ofChange(order, 1), placed.string("eventId"), "the answered id");
            assertEquals(200, api.advance(order, "pay").status());
            assertEquals(200, api.advance(order, i % 2 == 0 ? "ship" : "cancel").status());
            orders.add(order);
        }
        probe.awaitEffects(orders, WriteModesIT.EFFECTS_TIMEOUT);
        probe.assertEachEffectExactlyOnce(orders);
        for (String order : orders) {
            assertEquals(
                    0,
                    probe.count("select count(*) from outbox_event where aggregate_id = ?", order),
                    "a CDC order writes no outbox row");
            assertEquals(
                    List.of(1, 2, 3),
                    probe.appliedSequence("ledger", order),
                    "order " + order + " applied in its sequence");
            for (int sequence = 1; sequence <= 3; sequence++) {
                assertEquals(
                        1,
                        probe.effects("fulfilment", EventIds.ofChange(order, sequence)),
                        "change " + sequence + " of " + order + " applied under its derived id");
            }
        }
        assertEquals(
                30, reader.state().published() - before, "the reader sent all 30 changes itself");
        assertEquals(
                0,
                probe.count(
                        "select count(*) from customer_notification n join customer_order o on o.id = n.order_id "
                                + "where o.id = any(string_to_array(?, ',')) and n.write_mode <> 'CDC'",
                        String.join(",", orders)),
                "every effect records the mode CDC");
    }

    /**
     * CDC orders placed and paid while the reader is paused are in the slot only; the slot is then
     * dropped, so that WAL is gone, and the reader, resumed, makes a new one that starts after
     * them. Its catch-up publishes their changes from the order rows: each applied once, in
     * sequence; the changes it publishes again from before the drop (within its margin) are
     * absorbed, and the catch-up is recorded as done.
     */
    @Test
    public void theChangesOfADroppedSlotArePublishedFromTheOrderRows() throws Exception {
        OrderApi api = OrderApi.local();
        List<String> orders = new ArrayList<>();
        OutboxRelayControl.whilePaused(
                () -> {
                    for (int i = 0; i < 5; i++) {
                        String order =
                                api.placed(
                                        "cdc-lost-" + i + "-" + System.nanoTime(),
                                        "CDC",
                                        "BOOK-1",
                                        1);
                        assertEquals(200, api.advance(order, "pay").status());
                        orders.add(order);
                    }
                    Await.until(
                            "the reader to leave the slot",
                            Duration.ofSeconds(15),
                            () ->
                                    probe.count(
                                                    "select count(*) from pg_replication_slots where slot_name = ? and active",
                                                    SLOT)
                                            == 0,
                            () -> "still active");
                    replicationQuery("select pg_drop_replication_slot('" + SLOT + "')");
                });

        probe.awaitEffects(orders, WriteModesIT.EFFECTS_TIMEOUT);
        probe.assertEachEffectExactlyOnce(orders);
        for (String order : orders) {
            assertEquals(List.of(1, 2), probe.appliedSequence("notification", order));
        }
        assertEquals(
                1,
                probe.count("select count(*) from pg_replication_slots where slot_name = ?", SLOT),
                "the reader made the slot anew");
        Await.until(
                "the catch-up to be recorded done",
                Duration.ofSeconds(15),
                () ->
                        probe.count(
                                        "select count(*) from relay_slot where slot_name = ? and not catching_up",
                                        SLOT)
                                == 1,
                () -> "still catching up");
    }

    /**
     * An OUTBOX order written while change data capture runs is published from its outbox row by
     * the polling relay, once; the log reader, which sees the order's rows too, sends nothing for
     * it.
     */
    @Test
    public void anOutboxOrderBesideItIsLeftToTheRelay() {
        OrderApi api = OrderApi.local();
        long before = reader.state().published();
        String order = api.placed("cdc-outbox-" + System.nanoTime(), "OUTBOX", "BOOK-1", 1);
        assertEquals(200, api.advance(order, "pay").status());
        probe.awaitEffects(List.of(order), WriteModesIT.EFFECTS_TIMEOUT);
        probe.assertEachEffectExactlyOnce(List.of(order));
        assertEquals(2, probe.eventIds(order).size(), "two outbox rows");
        assertTrue(
                probe.count(
                                "select count(*) from outbox_event where aggregate_id = ? and status = 'PUBLISHED'",
                                order)
                        == 2,
                "both published by the relay");
        assertEquals(0, reader.state().published() - before, "the log reader sent none of them");
    }

    private static void replicationQuery(String sql) {
        try (Connection connection =
                        ((DataSource)
                                        new InitialContext()
                                                .lookup(LogTailingRelay.REPLICATION_DATASOURCE))
                                .getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
