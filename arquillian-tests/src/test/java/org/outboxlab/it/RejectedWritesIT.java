package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.ProblemType;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/** A business transaction that fails produces no order, no event and no effect, in every mode. */
@ExtendWith(ArquillianExtension.class)
public class RejectedWritesIT {

    /** How long the row counts must stand still before a test counts what it wrote. */
    private static final Duration QUIET = Duration.ofMillis(500);

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(RejectedWritesIT.class);
    }

    @Test
    public void shortStockWritesNothingInOutboxMode() {
        shortStockWritesNothing("OUTBOX");
    }

    @Test
    public void shortStockWritesNothingInXaMode() {
        shortStockWritesNothing("XA");
    }

    @Test
    public void shortStockWritesNothingInNaiveMode() {
        shortStockWritesNothing("NAIVE");
    }

    @Test
    public void illegalTransitionWritesNothing() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = api.placed("transition", "XA", "PEN-1", 1);
        probe.awaitEffects(java.util.List.of(orderId), Duration.ofSeconds(30));
        Map<String, Long> before = probe.quietRowCounts(QUIET, Duration.ofSeconds(30));
        OrderApi.Reply reply = api.advance(orderId, "ship");
        assertEquals(409, reply.status(), reply.body());
        assertEquals(ProblemType.FORBIDDEN_TRANSITION.uri(), reply.string("type"), reply.body());
        assertEquals(before, probe.rowCounts());
        OrderApi.Reply missing = api.advance("no-such-order", "pay");
        assertEquals(404, missing.status());
        assertEquals(ProblemType.NOT_FOUND.uri(), missing.string("type"), missing.body());
        assertEquals(before, probe.rowCounts());
    }

    /**
     * Never oversell: 64 orders at once for one unit each of a product with 20 in stock place
     * exactly 20 orders (201), refuse the others with 409, and leave the stock at 0, each placed
     * order with its event.
     */
    @Test
    public void concurrentOrdersForTheLastUnitsNeverOversell() throws Exception {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String sku = "HOT-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        probe.update(
                "insert into product (sku, name, price_cents, stock) values (?, 'the last units', 500, 20)",
                sku);
        String customer = "oversell-" + sku;
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                replies.add(
                        clients.submit(
                                () -> {
                                    start.await();
                                    return api.place(customer, "OUTBOX", sku, 1).status();
                                }));
            }
            start.countDown();
            Map<Integer, Long> byStatus = new TreeMap<>();
            for (Future<Integer> reply : replies) {
                byStatus.merge(reply.get(60, TimeUnit.SECONDS), 1L, Long::sum);
            }
            assertEquals(Map.of(201, 20L, 409, 44L), byStatus, "20 placed, 44 refused");
        } finally {
            clients.shutdownNow();
        }
        assertEquals(0, WriteModesIT.stockOf(api, sku), "the stock is used up, never below 0");
        assertEquals(
                20,
                probe.count("select count(*) from customer_order where customer_id = ?", customer));
        assertEquals(
                20,
                probe.count(
                        "select count(*) from outbox_event e where e.aggregate_id in (select id from"
                                + " customer_order where customer_id = ?)",
                        customer),
                "each placed order has its event, no refused one has");
    }

    void shortStockWritesNothing(String mode) {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        probe.awaitOutboxDrained(Duration.ofSeconds(30));
        Map<String, Long> before = probe.quietRowCounts(QUIET, Duration.ofSeconds(30));
        long limited = WriteModesIT.stockOf(api, "LIMITED-1");

        OrderApi.Reply reply = api.place("short-" + mode, mode, "LIMITED-1", (int) limited + 1);

        assertEquals(409, reply.status(), reply.body());
        assertEquals(ProblemType.INSUFFICIENT_STOCK.uri(), reply.string("type"), reply.body());
        assertEquals("lines[0].quantity", reply.string("field"));
        assertEquals(before, probe.rowCounts(), "a refused order writes nothing");
        assertEquals(limited, WriteModesIT.stockOf(api, "LIMITED-1"));
        assertEquals(
                0,
                probe.count(
                        "select count(*) from customer_order where customer_id = ?",
                        "short-" + mode));
    }
}
