package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;
import org.outboxlab.testsupport.OutboxRelayControl;

/**
 * The relay and consumer metrics are scrapeable in Prometheus format, and the readiness check
 * reports the relay.
 */
@ExtendWith(ArquillianExtension.class)
public class MetricsIT {

    private static final URI METRICS = URI.create("http://127.0.0.1:9990/metrics");
    private static final URI READY = URI.create("http://127.0.0.1:9990/health/ready");
    private static final URI OPENAPI = URI.create("http://127.0.0.1:8080/openapi?format=JSON");
    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(MetricsIT.class);
    }

    @Test
    public void countersAndGaugesFollowTheWork() throws Exception {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        probe.awaitOutboxDrained(Duration.ofSeconds(30));
        String before = get(METRICS);
        for (String name :
                List.of(
                        "outbox_events{",
                        "outbox_oldest_pending_age_seconds",
                        "outbox_relay_published_total",
                        "outbox_relay_publish_failures_total",
                        "outbox_consumer_dead_lettered{")) {
            assertTrue(before.contains(name), name + " missing from /metrics");
        }
        double published = value(before, "outbox_relay_published_total", "");
        double fulfilled =
                value(before, "outbox_consumer_processed_total", "consumer=\"fulfilment\"");
        double claims = value(before, "outbox_relay_step_seconds_count", "step=\"claim\"");
        double publishSeconds = value(before, "outbox_relay_step_seconds_sum", "step=\"publish\"");
        double lags =
                value(before, "outbox_consumer_delivery_lag_seconds_count", "consumer=\"ledger\"");
        double receiveSeconds =
                value(before, "outbox_consumer_receive_seconds_sum", "consumer=\"ledger\"");

        OutboxRelayControl.whilePaused(
                () -> {
                    String orderId = api.placed("metrics", "OUTBOX", "SOCK-1", 1);
                    api.advance(orderId, "pay");
                    Await.until(
                            "the PENDING gauge to show the held events",
                            Duration.ofSeconds(20),
                            () -> value(get(METRICS), "outbox_events", "status=\"PENDING\"") >= 2,
                            () -> grep(get(METRICS), "outbox_events"));
                });
        probe.awaitOutboxDrained(Duration.ofSeconds(30));
        Await.until(
                "the published counter to count both events",
                Duration.ofSeconds(20),
                () -> value(get(METRICS), "outbox_relay_published_total", "") >= published + 2,
                () -> grep(get(METRICS), "outbox_relay"));
        Await.until(
                "fulfilment's processed counter to count both events",
                Duration.ofSeconds(20),
                () ->
                        value(
                                        get(METRICS),
                                        "outbox_consumer_processed_total",
                                        "consumer=\"fulfilment\"")
                                >= fulfilled + 2,
                () -> grep(get(METRICS), "outbox_consumer"));
        Await.until(
                "the PENDING gauge back to zero",
                Duration.ofSeconds(20),
                () -> value(get(METRICS), "outbox_events", "status=\"PENDING\"") == 0,
                () -> grep(get(METRICS), "outbox_events"));
        String after = get(METRICS);
        // Only batches that claimed rows are timed: the held events' batch, not the empty polls
        // around it.
        assertTrue(
                value(after, "outbox_relay_step_seconds_count", "step=\"claim\"") > claims,
                grep(after, "outbox_relay_step"));
        assertTrue(
                value(after, "outbox_relay_step_seconds_sum", "step=\"publish\"") > publishSeconds,
                grep(after, "outbox_relay_step"));
        assertTrue(
                value(after, "outbox_consumer_delivery_lag_seconds_count", "consumer=\"ledger\"")
                        >= lags + 2,
                grep(after, "outbox_consumer_delivery_lag"));
        assertTrue(
                value(after, "outbox_consumer_receive_seconds_sum", "consumer=\"ledger\"")
                        > receiveSeconds,
                grep(after, "outbox_consumer_receive"));
    }

    /** WildFly's MicroProfile OpenAPI describes the order API from its Jakarta REST resources. */
    @Test
    public void theOrderApiIsDescribedByAnOpenApiDocument() throws Exception {
        HttpResponse<String> document =
                http.send(
                        HttpRequest.newBuilder(OPENAPI).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode(), document.body());
        jakarta.json.JsonObject paths =
                jakarta.json.Json.createReader(new java.io.StringReader(document.body()))
                        .readObject()
                        .getJsonObject("paths");
        assertTrue(
                paths.keySet().stream().anyMatch(p -> p.endsWith("/orders")),
                "the place-order path: " + paths.keySet());
        assertTrue(
                paths.keySet().stream().anyMatch(p -> p.endsWith("/orders/{id}/pay")),
                "the pay path: " + paths.keySet());
        assertTrue(
                paths.keySet().stream()
                        .anyMatch(p -> p.endsWith("/operator/dead-letters/{consumer}/replay")),
                "the operator API's bulk replay: " + paths.keySet());
    }

    @Test
    public void readinessSaysTheNodeTakesWritesAndReportsTheBroker() throws Exception {
        HttpResponse<String> ready =
                http.send(
                        HttpRequest.newBuilder(READY).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"name\":\"outbox-writes\""), ready.body());
        assertTrue(ready.body().contains("\"databaseReachable\":true"), ready.body());
        assertTrue(ready.body().contains("\"brokerReachable\":true"), ready.body());
        assertEquals(1.0, value(get(METRICS), "outbox_broker_reachable", ""), "the broker gauge");
    }

    private String get(URI uri) {
        try {
            return http.send(
                            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot read " + uri + ": " + e, e);
        }
    }

    /**
     * The value of the first sample of {@code name} whose labels contain {@code label}; fails if
     * there is none, so a gauge that disappears fails a check for 0 instead of passing it (shown to
     * fail with the PENDING check's label mistyped, which the old 0 for a missing sample passed).
     */
    static double value(String metrics, String name, String label) {
        Matcher m =
                Pattern.compile(
                                "^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$",
                                Pattern.MULTILINE)
                        .matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(
                "no sample " + name + "{…" + label + "…} in /metrics: " + grep(metrics, name));
    }

    private static String grep(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).toList().toString();
    }
}
