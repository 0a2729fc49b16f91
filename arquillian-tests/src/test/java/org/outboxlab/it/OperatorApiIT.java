package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.outboxlab.contract.Subscriptions.FULFILMENT;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.EventFields;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.ConsoleLogin;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * The operator API: only {@code outbox-admin} may call it, bad input does nothing; every dead
 * letter of a consumer and event type is replayed in one call, more than the console's page of 200
 * shows, and applied, while what is not an event stays for a discard; FAILED rows go back to the
 * relay by order, then all at once, with the relay paused and resumed through the API; each action
 * is in the operators' record with its caller and count.
 */
@ExtendWith(ArquillianExtension.class)
public class OperatorApiIT {

    /** More than the console's dead-letter page (200) shows. */
    private static final int DEAD_LETTERS = 210;

    private static final String FULFILMENT_DLQ = "java:/jms/outbox/queue/" + FULFILMENT + ".DLQ";

    @ArquillianResource ManagementClient management;

    private final OrderApi anonymous = OrderApi.local();
    private final OrderApi admin = OrderApi.local().as(ConsoleLogin.admin());

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(OperatorApiIT.class);
    }

    @Test
    public void onlyAnAdminMayCallItAndBadInputDoesNothing() {
        long recorded = probe().count("select count(*) from operator_action");
        assertEquals(401, anonymous.post("operator/relay/pause", "", "text/plain").status());
        assertEquals(
                403,
                OrderApi.local()
                        .as(ConsoleLogin.viewer())
                        .post("operator/relay/pause", "", "text/plain")
                        .status());
        OrderApi.Reply badType =
                admin.post(
                        "operator/dead-letters/fulfilment/replay?eventType=x%27or%271",
                        "", "text/plain");
        assertEquals(400, badType.status(), badType.body());
        assertEquals("eventType", badType.object().getString("field"), badType.body());
        assertEquals(
                404, admin.post("operator/dead-letters/nobody/discard", "", "text/plain").status());
        assertEquals(400, admin.get("operator/actions?max=0").status());
        assertEquals(
                recorded,
                probe().count("select count(*) from operator_action"),
                "nothing refused is recorded as done");
        assertEquals(
                0,
                probe().count("select count(*) from relay_control where paused = true"),
                "the refused pause paused nothing");
    }

    @Test
    public void everyDeadLetterOfATypeIsReplayedInOneCallAndWhatIsNotAnEventStays()
            throws Exception {
        // what earlier tests left in the dead-letter queue goes first, so the counts are this
        // test's
        execute(ServerModel.op(dlq(), "remove-messages"));
        List<String> orders = new ArrayList<>();
        ModelNode consumer = ServerModel.messageDrivenBean("FulfilmentConsumer");
        execute(ServerModel.op(consumer, "stop-delivery"));
        try {
            for (int i = 0; i < DEAD_LETTERS; i++) {
                orders.add(anonymous.placed("operator-api-dlq-" + i, "OUTBOX", "SOCK-1", 1));
            }
            Await.until(
                    "the fulfilment copies of " + DEAD_LETTERS + " orders",
                    Duration.ofSeconds(60),
                    () -> count(subscription(), null) >= DEAD_LETTERS,
                    () -> count(subscription(), null));
            // to the dead-letter queue, as the broker moves them after the last failed delivery
            ModelNode move = ServerModel.op(subscription(), "move-messages");
            move.get("other-queue-name").set("jms.queue." + FULFILMENT + ".DLQ");
            assertEquals(DEAD_LETTERS, execute(move).asInt());
        } finally {
            execute(ServerModel.op(consumer, "start-delivery"));
        }
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/ConnectionFactory");
        Queue dlq = (Queue) jndi.lookup(FULFILMENT_DLQ);
        try (JMSContext context = factory.createContext()) {
            BytesMessage notAnEvent = context.createBytesMessage();
            notAnEvent.writeBytes(new byte[] {1, 2, 3});
            notAnEvent.setStringProperty(EventFields.EVENT_TYPE, "OrderPlaced");
            context.createProducer().send(dlq, notAnEvent);
            context.createProducer()
                    .setProperty(EventFields.EVENT_TYPE, "OrderShipped")
                    .send(dlq, "{\"of another type\": true}");
        }

        JsonObject replayed =
                ok(
                        admin.post(
                                "operator/dead-letters/fulfilment/replay?eventType=OrderPlaced",
                                "",
                                "text/plain"));
        assertEquals(DEAD_LETTERS, replayed.getInt("affected"), replayed.toString());
        assertEquals(1, replayed.getInt("kept"), "the message that is not an event stays");
        probe().awaitEffects(orders, Duration.ofSeconds(90));
        probe().assertEachEffectExactlyOnce(orders);
        assertEquals(2, count(dlq(), null), "the other type and the non-event are left");

        JsonObject shipped =
                ok(
                        admin.post(
                                "operator/dead-letters/fulfilment/discard?eventType=OrderShipped",
                                "",
                                "text/plain"));
        assertEquals(1, shipped.getInt("affected"));
        JsonObject rest =
                ok(admin.post("operator/dead-letters/fulfilment/discard", "", "text/plain"));
        assertEquals(1, rest.getInt("affected"));
        assertEquals(0, count(dlq(), null), "the dead-letter queue is empty");

        List<JsonObject> latest =
                admin.get("operator/actions?max=3")
                        .json()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class);
        assertEquals(
                List.of(
                        "dead-letter-discard-all 1 " + FULFILMENT,
                        "dead-letter-discard-all 1 " + FULFILMENT + " eventType=OrderShipped",
                        "dead-letter-replay-all "
                                + DEAD_LETTERS
                                + " "
                                + FULFILMENT
                                + " eventType=OrderPlaced"),
                latest.stream()
                        .map(
                                a ->
                                        a.getString("action")
                                                + " "
                                                + a.getJsonNumber("affected").longValue()
                                                + " "
                                                + a.getString("target"))
                        .toList());
        latest.forEach(a -> assertEquals(ConsoleLogin.admin().user(), a.getString("actor")));
    }

    @Test
    public void failedRowsGoBackToTheRelayByOrderThenAllAtOnce() {
        List<String> orders = new ArrayList<>();
        assertEquals(
                true,
                ok(admin.post("operator/relay/pause", "", "text/plain")).getBoolean("paused"));
        try {
            for (int i = 0; i < 3; i++) {
                orders.add(anonymous.placed("operator-api-failed-" + i, "OUTBOX", "PEN-1", 1));
            }
            assertEquals(
                    3,
                    probe().update(
                                    "update outbox_event set status = 'FAILED', attempts = 5,"
                                            + " last_error = 'planted' where aggregate_id in (?, ?, ?)",
                                    orders.get(0),
                                    orders.get(1),
                                    orders.get(2)));
        } finally {
            assertEquals(
                    false,
                    ok(admin.post("operator/relay/resume", "", "text/plain")).getBoolean("paused"));
        }
        JsonObject one =
                ok(
                        admin.post(
                                "operator/failed-events/retry?orderId=" + orders.get(0),
                                "",
                                "text/plain"));
        assertEquals(1, one.getInt("affected"));
        probe().awaitEffects(List.of(orders.get(0)), WriteModesIT.EFFECTS_TIMEOUT);
        assertEquals(2, failed(orders), "the other orders' rows stay FAILED");

        long othersFailed =
                probe().count("select count(*) from outbox_event where status = 'FAILED'") - 2;
        JsonObject all = ok(admin.post("operator/failed-events/retry", "", "text/plain"));
        assertEquals(2 + othersFailed, all.getJsonNumber("affected").longValue());
        probe().awaitEffects(orders, WriteModesIT.EFFECTS_TIMEOUT);
        probe().assertEachEffectExactlyOnce(orders);
        assertEquals(0, failed(orders));
    }

    private long failed(List<String> orders) {
        return probe().count(
                        "select count(*) from outbox_event where status = 'FAILED'"
                                + " and aggregate_id in (?, ?, ?)",
                        orders.get(0),
                        orders.get(1),
                        orders.get(2));
    }

    /** The database, read inside the server (the test's instance is made on the client too). */
    private static OutboxProbe probe() {
        return OutboxProbe.inServer();
    }

    private static JsonObject ok(OrderApi.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.object();
    }

    private long count(ModelNode queue, String filter) {
        ModelNode count = ServerModel.op(queue, "count-messages");
        if (filter != null) {
            count.get("filter").set(filter);
        }
        return execute(count).asLong();
    }

    private static ModelNode subscription() {
        return ServerModel.messaging("queue", FULFILMENT);
    }

    private static ModelNode dlq() {
        return ServerModel.messaging("jms-queue", FULFILMENT + ".DLQ");
    }

    private ModelNode execute(ModelNode op) {
        return new ServerModel(management).execute(op);
    }
}
