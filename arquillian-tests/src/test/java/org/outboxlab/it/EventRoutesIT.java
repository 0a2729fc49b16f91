package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.ProblemType;
import org.outboxlab.contract.Subscriptions;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;

/**
 * A consumer's subscription queue removed from {@code OrderEvents}: the broker would drop that
 * consumer's copy of every event without a word, so nothing is published (OUTBOX rows wait, charged
 * nothing; XA writes are refused, 503 route-missing with Retry-After; a NAIVE order commits and its
 * send is refused, 503 committed-but-unsent) until the queue is back; the product's stock says
 * which wrote: unchanged by the refused XA order, taken by the NAIVE one; then the waiting events
 * go out and are applied.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class EventRoutesIT {

    @ArquillianResource ManagementClient management;

    @Deployment(testable = false)
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(EventRoutesIT.class);
    }

    @Test
    public void aMissingSubscriptionQueueStopsPublishingUntilItIsBack() {
        OrderApi api = OrderApi.local();
        ModelNode ledger = ServerModel.messageDrivenBean("LedgerConsumer");
        ModelNode queue = ServerModel.messaging("queue", Subscriptions.LEDGER);
        long errorsBefore = routeErrorLines();
        execute(op(ledger, "stop-delivery"));
        execute(op(queue, "remove"));
        String orderId;
        String naiveOrderId;
        try {
            orderId = api.placed("no-route", "OUTBOX", "BOOK-1", 1);
            // the relay asks before each batch: the event must stay PENDING, never "published" into
            // the void
            Await.until(
                    "the relay to refuse the batch",
                    Duration.ofSeconds(20),
                    () -> metric("outbox_broker_routes_missing") == 1.0,
                    () -> "routes missing " + metric("outbox_broker_routes_missing"));
            assertEquals(
                    "PENDING",
                    firstEvent(api, orderId).getString("status"),
                    api.order(orderId).body());
            long stock = WriteModesIT.stockOf(api, "BOOK-1");
            OrderApi.Reply xa = api.place("no-route-xa", "XA", "BOOK-1", 1);
            assertEquals(503, xa.status(), "XA refuses to send into a missing route: " + xa.body());
            assertEquals(ProblemType.ROUTE_MISSING.uri(), xa.string("type"), xa.body());
            assertEquals("30", xa.retryAfter(), "a missing route waits for an operator");
            assertEquals(
                    stock,
                    WriteModesIT.stockOf(api, "BOOK-1"),
                    "XA wrote nothing: the order's stock decrement rolled back with it");
            OrderApi.Reply naive = api.place("no-route-naive", "NAIVE", "BOOK-1", 1);
            assertEquals(503, naive.status(), "NAIVE's send is refused after its commit");
            assertEquals(
                    ProblemType.COMMITTED_BUT_UNSENT.uri(), naive.string("type"), naive.body());
            assertEquals(true, naive.object().getBoolean("committed"), naive.body());
            assertEquals(null, naive.retryAfter(), "a retry would place a second order");
            naiveOrderId = naive.string("orderId");
            assertEquals(
                    "PLACED",
                    api.order(naiveOrderId).object().getString("status"),
                    "the problem names the order that committed: " + naive.body());
            assertEquals(
                    stock - 1,
                    WriteModesIT.stockOf(api, "BOOK-1"),
                    "NAIVE's order committed before its send failed: its stock is taken");
            assertEquals(
                    0,
                    firstEvent(api, orderId).getInt("attempts"),
                    "the relay's refusals charge the waiting row nothing");
            assertEquals(
                    "PENDING", firstEvent(api, orderId).getString("status"), "still not published");
        } finally {
            ModelNode add = op(queue, "add");
            add.get("queue-address").set("jms.topic.OrderEvents");
            add.get("routing-type").set("MULTICAST");
            add.get("durable").set(true);
            add.get("filter").set(Subscriptions.LEDGER_SELECTOR);
            execute(add);
            execute(op(ledger, "start-delivery"));
        }
        Await.until(
                "every consumer to apply the event that waited for the route",
                Duration.ofSeconds(60),
                () -> {
                    JsonObject order = api.order(orderId).object();
                    return order.getJsonArray("effects").getValuesAs(JsonObject.class).stream()
                            .allMatch(e -> e.getBoolean("applied"));
                },
                () -> api.order(orderId).body());
        assertEquals("PUBLISHED", firstEvent(api, orderId).getString("status"));
        // NAIVE's refused send sent nothing: its event would have reached fulfilment and
        // notification, whose queues stayed, before the OUTBOX event that waited was applied
        assertTrue(
                api
                        .order(naiveOrderId)
                        .object()
                        .getJsonArray("effects")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .noneMatch(e -> e.getBoolean("applied")),
                "NAIVE's event was never sent, so never applied: "
                        + api.order(naiveOrderId).body());
        assertEquals(
                1,
                routeErrorLines() - errorsBefore,
                "the missing route is logged once, as an ERROR, not once per refused batch");
        assertEquals(
                0.0, metric("outbox_broker_routes_missing"), "the relay found every route again");
    }

    /**
     * ERROR lines (SEVERE, as java.util.logging names it) of the server's log that report a missing
     * route.
     */
    private long routeErrorLines() {
        ModelNode read =
                op(
                        ServerModel.address("subsystem", "logging", "log-file", "server.log"),
                        "read-log-file");
        read.get("lines").set(-1);
        return execute(read).asList().stream()
                .map(ModelNode::asString)
                .filter(line -> line.matches("^\\S+ \\S+ (?:ERROR|SEVERE) .*"))
                .filter(line -> line.contains("nothing is published until an operator restores"))
                .count();
    }

    private static JsonObject firstEvent(OrderApi api, String orderId) {
        return api.order(orderId).object().getJsonArray("events").getJsonObject(0);
    }

    private static double metric(String name) {
        return MetricsIT.value(ServerModel.metrics(), name, "");
    }

    private static ModelNode op(ModelNode address, String name) {
        return ServerModel.op(address, name);
    }

    private ModelNode execute(ModelNode op) {
        return new ServerModel(management).execute(op);
    }
}
