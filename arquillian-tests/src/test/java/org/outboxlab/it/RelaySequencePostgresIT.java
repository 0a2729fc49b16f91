package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.inject.spi.CDI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.EventIds;
import org.outboxlab.contract.Partitions;
import org.outboxlab.relay.RelaySettings;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;
import org.outboxlab.testsupport.OutboxRelayControl;

/**
 * An order's events leave in the order's own sequence whatever their ids say: an order placed on
 * one node and paid on another whose clock is 20 ms behind has its second event's id lower than its
 * first's. The relay sends the second only behind the first, and not at all while the first cannot
 * be sent.
 */
@ExtendWith(ArquillianExtension.class)
public class RelaySequencePostgresIT {

    private final String orderId = UUID.randomUUID().toString();
    private OutboxProbe probe;
    private RelaySettings settings;
    private int batchSize;

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(RelaySequencePostgresIT.class);
    }

    @BeforeEach
    void inServer() {
        probe = OutboxProbe.inServer();
        settings = CDI.current().select(RelaySettings.class).get();
        batchSize = settings.batchSize();
    }

    @AfterEach
    void restore() {
        settings.setBatchSize(batchSize);
        probe.update("delete from outbox_event where aggregate_id = ?", orderId);
    }

    /**
     * With one row a batch, an order by id would send sequence 2 first, and every consumer would
     * hold it until sequence 1 came.
     */
    @Test
    public void aLaterEventWithAnEarlierIdLeavesBehindItsPredecessor() {
        String placed = EventIds.next();
        String paid = EventIds.lowestAt(Instant.now().minusMillis(20));
        settings.setBatchSize(1);
        OutboxRelayControl.whilePaused(
                () -> {
                    plant(placed, "OrderPlaced", 1, payload("PLACED"));
                    plant(paid, "OrderPaid", 2, payload("PAID"));
                });

        probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
        Await.until(
                "both events applied by every consumer",
                Duration.ofSeconds(30),
                () ->
                        probe.count(
                                        "select count(*) from consumer_progress where order_id = ?"
                                                + " and last_sequence = 2",
                                        orderId)
                                == 3,
                () ->
                        probe.strings(
                                "select concat(consumer, ':', last_sequence, '/', held) from"
                                        + " consumer_progress where order_id = ?",
                                orderId));
        assertEquals(
                0,
                probe.count(
                        "select count(*) from outbox_event a join outbox_event b "
                                + "on a.aggregate_id = b.aggregate_id and a.sequence_no < b.sequence_no "
                                + "where a.aggregate_id = ? and a.published_at >= b.published_at",
                        orderId),
                "sequence 1 published before sequence 2: "
                        + probe.strings(
                                "select concat(sequence_no, '@', published_at) from outbox_event"
                                        + " where aggregate_id = ? order by sequence_no",
                                orderId));
        assertEquals(
                0,
                probe.count("select count(*) from held_event where order_id = ?", orderId)
                        + probe.count(
                                "select coalesce(sum(held), 0) from consumer_progress where order_id = ?",
                                orderId),
                "nothing held by any consumer");
        probe.assertEachEffectExactlyOnce(List.of(orderId));
    }

    /**
     * A first event that cannot become a message is FAILED; the second, though its id is lower and
     * it would have gone first by id, stays pending and reaches no consumer.
     */
    @Test
    public void aLaterEventWithAnEarlierIdWaitsBehindAnUnpublishablePredecessor() {
        String placed = EventIds.next();
        String paid = EventIds.lowestAt(Instant.now().minusMillis(20));
        OutboxRelayControl.whilePaused(
                () -> {
                    plant(placed, "OrderPlaced", 1, "this is not JSON");
                    plant(paid, "OrderPaid", 2, payload("PAID"));
                });

        Await.until(
                "sequence 1 to fail",
                Duration.ofSeconds(30),
                () -> status(placed).equals(List.of("FAILED")),
                () -> status(placed));
        assertEquals(List.of("PENDING"), status(paid), "sequence 2 waits behind sequence 1");
        OutboxRelayControl.relay().drain();
        assertEquals(List.of("PENDING"), status(paid), "sequence 2 still waits after a drain");
        assertEquals(0, probe.effectsOfOrder(orderId), "no consumer saw sequence 2");
    }

    private List<String> status(String eventId) {
        return probe.strings("select status from outbox_event where event_id = ?", eventId);
    }

    private void plant(String eventId, String type, int sequence, String payload) {
        probe.update(
                "insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                        + "partition_no, schema_version, occurred_at, payload, write_mode, status, attempts) "
                        + "values (?, 'Order', ?, ?, ?, ?, 1, ?, ?, 'OUTBOX', 'PENDING', 0)",
                eventId,
                orderId,
                type,
                sequence,
                Partitions.of(orderId),
                new Timestamp(System.currentTimeMillis()),
                payload);
    }

    private String payload(String status) {
        return "{\"orderId\":\""
                + orderId
                + "\",\"customerId\":\"clock-skew\",\"status\":\""
                + status
                + "\",\"totalCents\":100,\"lines\":[{\"sku\":\"LAMP-1\",\"quantity\":1,"
                + "\"unitPriceCents\":100}]}";
    }
}
