package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.FaultControl;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * Fault points driven from a test: with every event published twice past the broker's duplicate
 * detection and every consumer rolling back its first attempt after staging the effect, each
 * committed order change still has exactly one effect per consumer, and the inbox counts the
 * repeats. A malformed fault plan is refused and arms nothing.
 */
@ExtendWith(ArquillianExtension.class)
public class FaultInjectionIT {

    private final FaultControl faults = new FaultControl(URI.create("http://127.0.0.1:8080/outbox/"));

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
        for (String orderId : orders) {
            for (String eventId : probe.eventIds(orderId)) {
                for (String consumer : OutboxProbe.EFFECT_TABLES.keySet()) {
                    // The effect can be in before the second copy's delivery is: wait for that one too.
                    Await.until(consumer + " to absorb the second copy of " + eventId, Duration.ofSeconds(30),
                            () -> probe.duplicatesAbsorbed(consumer, eventId) >= 1,
                            () -> probe.duplicatesAbsorbed(consumer, eventId));
                }
            }
        }
    }

    @Test
    public void malformedPlansAreRefused() {
        OrderApi api = OrderApi.local();
        for (String plan : List.of("{\"crashPoint\":\"nowhere\"}", "{\"transientFailureEvery\":-1}",
                "{\"transientFailureEvery\":\"often\"}", "{\"surprise\":1}", "[]", "not json")) {
            assertThrows(IllegalStateException.class, () -> faults.replace(plan), plan);
            assertEquals(400, api.put("faults", plan).status(), plan);
        }
        String current = api.get("faults").body();
        assertEquals("{\"transientFailureEvery\":0,\"duplicatePublishEvery\":0,\"rollbackAfterEffectEvery\":0}", current,
                "nothing armed");
    }
}
