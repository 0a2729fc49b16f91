package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * {@code Idempotency-Key} on {@code POST /api/orders}: a client retrying after a timeout or a 503
 * gets the first answer and takes the stock once, in every write mode; the key with another body is
 * refused and writes nothing; concurrent retries place one order.
 */
@ExtendWith(ArquillianExtension.class)
public class IdempotencyKeyIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(IdempotencyKeyIT.class);
    }

    @Test
    public void aRetryWithTheSameKeyGetsTheFirstAnswerAndWritesNothingInEveryMode() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        for (String mode : List.of("OUTBOX", "XA", "NAIVE")) {
            String key = UUID.randomUUID().toString();
            String customer = "retry-" + mode + "-" + key;
            long stock = WriteModesIT.stockOf(api, "PEN-1");
            OrderApi.Reply first = api.placeOnce(key, customer, mode, "PEN-1", 2);
            assertEquals(201, first.status(), first.body());
            OrderApi.Reply retry = api.placeOnce(key, customer, mode, "PEN-1", 2);
            assertEquals(201, retry.status(), retry.body());
            assertEquals(
                    first.object(), retry.object(), mode + ": the retry gets the first answer");
            assertEquals(
                    stock - 2,
                    WriteModesIT.stockOf(api, "PEN-1"),
                    mode + ": the stock is taken once");
            assertEquals(
                    1,
                    probe.count(
                            "select count(*) from customer_order where customer_id = ?", customer),
                    mode);
            assertEquals(
                    1,
                    probe.count(
                            "select count(*) from outbox_event where aggregate_id = ?",
                            first.string("orderId")),
                    mode + ": one event");
        }
    }

    @Test
    public void theSameKeyWithAnotherBodyIsRefusedAndWritesNothing() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String key = UUID.randomUUID().toString();
        assertEquals(201, api.placeOnce(key, "reuse-" + key, "OUTBOX", "PEN-1", 1).status());
        long stock = WriteModesIT.stockOf(api, "PEN-1");
        OrderApi.Reply other = api.placeOnce(key, "reuse-" + key, "OUTBOX", "PEN-1", 3);
        assertEquals(422, other.status(), other.body());
        assertEquals("Idempotency-Key", other.object().getString("field"), other.body());
        assertEquals(stock, WriteModesIT.stockOf(api, "PEN-1"), "nothing reserved");
        assertEquals(
                1,
                probe.count(
                        "select count(*) from customer_order where customer_id = ?",
                        "reuse-" + key));
    }

    @Test
    public void concurrentRetriesPlaceOneOrder() throws Exception {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String key = UUID.randomUUID().toString();
        String customer = "race-" + key;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<OrderApi.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(pool.submit(() -> api.placeOnce(key, customer, "OUTBOX", "PEN-1", 1)));
            }
            Set<String> orderIds = new HashSet<>();
            for (Future<OrderApi.Reply> reply : replies) {
                OrderApi.Reply r = reply.get();
                assertEquals(201, r.status(), r.body());
                orderIds.add(r.string("orderId"));
            }
            assertEquals(1, orderIds.size(), "every retry got the same order: " + orderIds);
            assertEquals(
                    1,
                    probe.count(
                            "select count(*) from customer_order where customer_id = ?", customer));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aMalformedKeyIsRefused() {
        OrderApi api = OrderApi.local();
        OrderApi.Reply spaced = api.placeOnce("has space", "bad-key", "OUTBOX", "PEN-1", 1);
        assertEquals(400, spaced.status(), spaced.body());
        OrderApi.Reply long201 = api.placeOnce("k".repeat(201), "bad-key", "OUTBOX", "PEN-1", 1);
        assertEquals(400, long201.status(), long201.body());
        assertEquals(
                0,
                OutboxProbe.inServer()
                        .count(
                                "select count(*) from customer_order where customer_id = ?",
                                "bad-key"));
    }
}
