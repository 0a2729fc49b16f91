package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/** A business transaction that fails produces no order, no event and no effect, in every mode. */
@ExtendWith(ArquillianExtension.class)
public class RejectedWritesIT {

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
        Map<String, Long> before = probe.rowCounts();
        OrderApi.Reply reply = api.advance(orderId, "ship");
        assertEquals(409, reply.status(), reply.body());
        assertEquals(before, probe.rowCounts());
        assertEquals(404, api.advance("no-such-order", "pay").status());
        assertEquals(before, probe.rowCounts());
    }

    void shortStockWritesNothing(String mode) {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        probe.awaitOutboxDrained(Duration.ofSeconds(30));
        Map<String, Long> before = probe.rowCounts();
        long limited = WriteModesIT.stockOf(api, "LIMITED-1");

        OrderApi.Reply reply = api.place("short-" + mode, mode, "LIMITED-1", (int) limited + 1);

        assertEquals(409, reply.status(), reply.body());
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
