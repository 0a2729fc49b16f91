package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.control.FaultControl;
import org.outboxlab.faults.Faults;
import org.outboxlab.ops.DeadLetters;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.ConsoleLogin;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * Fault points driven from a test: with every event published twice past the broker's duplicate
 * detection and every consumer rolling back its first attempt after staging the effect, each
 * committed order change still has exactly one effect per consumer, applied by a redelivery after
 * the rollback, and the inbox counts the repeats. A malformed fault plan is refused and arms
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
public class FaultInjectionIT {

    private static final String NOTHING_ARMED =
            "{\"transientFailureEvery\":0,\"duplicatePublishEvery\":0,\"rollbackAfterEffectEvery\":0}";

    private static final URI BASE = URI.create("http://127.0.0.1:8080/outbox/");
    private final FaultControl faults =
            new FaultControl(BASE, ConsoleLogin.admin().user(), ConsoleLogin.admin().password());

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(FaultInjectionIT.class);
    }

    @AfterEach
    public void clearFaults() {
        faults.clear();
    }

    @Test
    public void republishedAndRolledBackDeliveriesApplyExactlyOnce() {
        faults.replace("{\"duplicatePublishEvery\":1,\"rollbackAfterEffectEvery\":1}");
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        List<String> orders = new ArrayList<>();
        for (String mode : List.of("OUTBOX", "XA", "NAIVE")) {
            String orderId = api.placed("faulty-" + mode, mode, "PEN-1", 1);
            assertEquals(200, api.advance(orderId, "pay").status());
            orders.add(orderId);
        }
        probe.awaitEffects(orders, Duration.ofSeconds(60));
        probe.assertEachEffectExactlyOnce(orders);
        Map<String, Instant> rollbacks =
                CDI.current().select(Faults.class).get().injectedRollbacks();
        for (String orderId : orders) {
            for (String eventId : probe.eventIds(orderId)) {
                for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
                    // The rollback happened: the fault fired on the first delivery, and the effect
                    // that stands was applied after it, by a redelivery (the staged one, from
                    // before, was undone). Shown to fail with the injected throw removed from
                    // Faults.afterEffect: no rollback recorded.
                    Instant rolledBack = rollbacks.get(consumer + " " + eventId);
                    assertNotNull(
                            rolledBack, consumer + " rolled back its first delivery of " + eventId);
                    Instant applied = probe.appliedAt(consumer, eventId);
                    assertTrue(
                            applied.isAfter(rolledBack),
                            consumer
                                    + " applied "
                                    + eventId
                                    + " at "
                                    + applied
                                    + ", after the rollback at "
                                    + rolledBack);
                    // The effect can be in before the second copy's delivery is: wait for that one
                    // too.
                    Await.until(
                            consumer + " to absorb the second copy of " + eventId,
                            Duration.ofSeconds(30),
                            () -> probe.duplicatesAbsorbed(consumer, eventId) >= 1,
                            () -> probe.duplicatesAbsorbed(consumer, eventId));
                }
            }
        }
    }

    @Test
    public void malformedPlansAreRefused() {
        for (String plan :
                List.of(
                        "{\"crashPoint\":\"nowhere\"}",
                        "{\"transientFailureEvery\":-1}",
                        "{\"transientFailureEvery\":\"often\"}",
                        "{\"surprise\":1}",
                        "[]",
                        "not json")) {
            IllegalStateException refused =
                    assertThrows(IllegalStateException.class, () -> faults.replace(plan), plan);
            assertTrue(refused.getMessage().contains("HTTP 400"), refused.getMessage());
        }
        assertEquals(NOTHING_ARMED, faults.current(), "nothing armed");
    }

    /**
     * The plan can halt the JVM: anonymous callers get 401 and a viewer 403, and nothing is armed.
     */
    @Test
    public void onlyTheLabsOperatorsMayArmAFault() throws Exception {
        String plan = "{\"crashPoint\":\"naive-after-db-commit\"}";
        OrderApi.Reply anonymous = OrderApi.local().put("faults", plan);
        assertEquals(401, anonymous.status(), anonymous.body());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> challenge =
                http.send(
                        HttpRequest.newBuilder(BASE.resolve("api/faults"))
                                .PUT(HttpRequest.BodyPublishers.ofString(plan))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertTrue(
                challenge.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                challenge.headers().toString());
        ConsoleLogin viewer = ConsoleLogin.viewer();
        HttpResponse<String> asViewer =
                http.send(
                        HttpRequest.newBuilder(BASE.resolve("api/faults"))
                                .PUT(HttpRequest.BodyPublishers.ofString(plan))
                                .header("Content-Type", "application/json")
                                .header(
                                        "Authorization",
                                        FaultControl.basic(viewer.user(), viewer.password()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(403, asViewer.statusCode(), asViewer.body());
        HttpResponse<String> wrongPassword =
                http.send(
                        HttpRequest.newBuilder(BASE.resolve("api/faults"))
                                .PUT(HttpRequest.BodyPublishers.ofString(plan))
                                .header("Content-Type", "application/json")
                                .header(
                                        "Authorization",
                                        FaultControl.basic("outbox-admin", "not-the-password"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongPassword.statusCode(), wrongPassword.body());
        assertEquals(NOTHING_ARMED, faults.current(), "nothing armed");
    }

    /**
     * A plan scoped to a customer prefix (a lab run's own orders) hits those and leaves every other
     * order alone.
     */
    @Test
    public void aScopedPlanHitsOnlyItsOwnOrders() throws NamingException {
        DeadLetters deadLetters =
                (DeadLetters)
                        new InitialContext()
                                .lookup(
                                        "java:global/outbox/outbox-ejb/DeadLetters!"
                                                + DeadLetters.class.getName());
        long parked = deadLetters.depths().get(ConsumerName.FULFILMENT);
        faults.replace("{\"poisonCustomerSuffix\":\"-poison\",\"customerPrefix\":\"scoped-\"}");
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String other = api.placed("unscoped-poison", "OUTBOX", "PEN-1", 1);
        String own = api.placed("scoped-1-poison", "OUTBOX", "PEN-1", 1);
        probe.awaitEffects(List.of(other), Duration.ofSeconds(30));
        probe.assertEachEffectExactlyOnce(List.of(other));
        Await.until(
                "the scoped poison order's event in the fulfilment DLQ",
                Duration.ofSeconds(30),
                () -> deadLetters.depths().get(ConsumerName.FULFILMENT) == parked + 1,
                () ->
                        deadLetters.depths()
                                + ", effects of "
                                + own
                                + ": "
                                + probe.effectsOfOrder(own));
        assertEquals(0, probe.effectsOfOrder(own), "the scoped poison order was hit");
    }
}
