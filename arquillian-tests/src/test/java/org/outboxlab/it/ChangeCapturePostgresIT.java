package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Change data capture on a real PostgreSQL ({@code outbox.cdc.enabled=true}, the relay polling): an
 * order written in mode CDC stores no outbox row, yet each of its changes reaches every consumer
 * once, in sequence, as the event the log reader built from the order's rows, with the id derived
 * from the order and the change, the one the API answered; and an OUTBOX order beside it still goes
 * through its outbox row and the polling relay, not through the log.
 */
@ExtendWith(ArquillianExtension.class)
public class ChangeCapturePostgresIT {

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
}
