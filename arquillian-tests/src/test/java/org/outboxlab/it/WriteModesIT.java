package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * Each write mode end to end: an order and its lifecycle reach every consumer, once each, in
 * sequence.
 */
@ExtendWith(ArquillianExtension.class)
public class WriteModesIT {

    static final Duration EFFECTS_TIMEOUT = Duration.ofSeconds(30);

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(WriteModesIT.class);
    }

    @Test
    public void outboxOrderReachesEveryConsumerOnce() {
        orderReachesEveryConsumerOnce("OUTBOX");
    }

    @Test
    public void xaOrderReachesEveryConsumerOnce() {
        orderReachesEveryConsumerOnce("XA");
    }

    @Test
    public void naiveOrderReachesEveryConsumerOnce() {
        orderReachesEveryConsumerOnce("NAIVE");
    }

    @Test
    public void cancelledOrderReleasesStockAndReversesNothingUnpaid() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        long stockBefore = stockOf(api, "MUG-1");
        String orderId = api.placed("cancel-" + System.nanoTime(), "OUTBOX", "MUG-1", 3);
        assertEquals(stockBefore - 3, stockOf(api, "MUG-1"));
        assertEquals(200, api.advance(orderId, "cancel").status());
        assertEquals(stockBefore, stockOf(api, "MUG-1"), "a cancel gives the reserved stock back");
        probe.awaitEffects(List.of(orderId), EFFECTS_TIMEOUT);
        probe.assertEachEffectExactlyOnce(List.of(orderId));
        assertEquals(
                0,
                probe.count(
                        "select coalesce(sum(amount_cents), 0) from ledger_entry where order_id = ?",
                        orderId),
                "an unpaid cancelled order books no revenue");
    }

    void orderReachesEveryConsumerOnce(String mode) {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        OrderApi.Reply placed = api.place("customer-" + mode, mode, "BOOK-1", 2);
        assertEquals(201, placed.status(), placed.body());
        assertEquals(mode, placed.string("mode"));
        assertEquals(1, placed.object().getInt("sequence"));
        String orderId = placed.string("orderId");
        assertEquals(2, api.advance(orderId, "pay").object().getInt("sequence"));
        assertEquals(3, api.advance(orderId, "ship").object().getInt("sequence"));

        probe.awaitEffects(List.of(orderId), EFFECTS_TIMEOUT);
        assertEquals(3, probe.eventIds(orderId).size());
        probe.assertEachEffectExactlyOnce(List.of(orderId));
        assertEquals(
                4_500 * 2,
                probe.count(
                        "select sum(amount_cents) from ledger_entry where order_id = ?", orderId),
                "the ledger books the paid total once");

        JsonObject order = api.order(orderId).object();
        assertEquals("SHIPPED", order.getString("status"));
        assertEquals(mode, order.getString("mode"));
        assertEquals(3, order.getJsonArray("events").size());
        List<JsonObject> effects = order.getJsonArray("effects").getValuesAs(JsonObject.class);
        assertEquals(3, effects.size(), order.toString());
        for (JsonObject effect : effects) {
            assertTrue(effect.getBoolean("applied"), effect.toString());
            assertFalse(effect.isNull("appliedAt"), effect.toString());
        }
        for (JsonObject event : order.getJsonArray("events").getValuesAs(JsonObject.class)) {
            assertEquals(mode.equals("OUTBOX") ? "PUBLISHED" : "DIRECT", event.getString("status"));
            assertTrue(
                    event.getJsonArray("effects").getValuesAs(JsonObject.class).stream()
                            .allMatch(e -> e.getBoolean("applied")),
                    event.toString());
        }
    }

    static long stockOf(OrderApi api, String sku) {
        return api.products().json().asJsonArray().getValuesAs(JsonValue::asJsonObject).stream()
                .filter(p -> p.getString("sku").equals(sku))
                .findFirst()
                .orElseThrow()
                .getInt("stock");
    }
}
