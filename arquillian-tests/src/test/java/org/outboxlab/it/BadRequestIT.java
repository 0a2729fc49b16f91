package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.outboxlab.contract.ProblemType;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * Every malformed or invalid order request is a 4xx problem naming the field at fault, and writes
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
public class BadRequestIT {

    private record Case(String name, String body, int status, String field) {}

    /** The documented problem type of each status these requests get. */
    private static final Map<Integer, ProblemType> TYPES =
            Map.of(
                    400, ProblemType.INVALID_REQUEST,
                    413, ProblemType.BODY_TOO_LARGE,
                    422, ProblemType.UNKNOWN_PRODUCT);

    private static final List<Case> CASES =
            List.of(
                    new Case("malformed JSON", "{\"customerId\": \"c\", \"lines\": [", 400, null),
                    new Case("not an object", "[1, 2]", 400, null),
                    new Case("empty body", "", 400, null),
                    new Case(
                            "missing customerId",
                            "{\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1}]}",
                            400,
                            "customerId"),
                    new Case(
                            "customerId not a string",
                            "{\"customerId\":7,\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1}]}",
                            400,
                            "customerId"),
                    new Case("missing lines", "{\"customerId\":\"c\"}", 400, "lines"),
                    new Case("empty lines", "{\"customerId\":\"c\",\"lines\":[]}", 400, "lines"),
                    new Case(
                            "missing sku",
                            "{\"customerId\":\"c\",\"lines\":[{\"quantity\":1}]}",
                            400,
                            "lines[0].sku"),
                    new Case(
                            "unknown sku",
                            "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"NOPE-9\",\"quantity\":1}]}",
                            422,
                            "lines[0].sku"),
                    new Case(
                            "second line unknown",
                            "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1},{\"sku\":\"NOPE-9\",\"quantity\":1}]}",
                            422,
                            "lines[1].sku"),
                    new Case(
                            "missing quantity",
                            "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"BOOK-1\"}]}",
                            400,
                            "lines[0].quantity"),
                    new Case(
                            "zero quantity",
                            "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":0}]}",
                            400,
                            "lines[0].quantity"),
                    new Case(
                            "negative quantity",
                            "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":-3}]}",
                            400,
                            "lines[0].quantity"),
                    new Case(
                            "absurd quantity",
                            "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1000000000000}]}",
                            400,
                            "lines[0].quantity"),
                    new Case(
                            "fractional quantity",
                            "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1.5}]}",
                            400,
                            "lines[0].quantity"),
                    new Case(
                            "baseline mode outside a benchmark",
                            "{\"customerId\":\"c\",\"mode\":\"BASELINE\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1}]}",
                            400,
                            "mode"),
                    new Case(
                            "CDC mode where change data capture does not run",
                            "{\"customerId\":\"c\",\"mode\":\"CDC\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1}]}",
                            400,
                            "mode"),
                    new Case(
                            "unknown mode",
                            "{\"customerId\":\"c\",\"mode\":\"MAGIC\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1}]}",
                            400,
                            "mode"),
                    new Case(
                            "oversized body",
                            "{\"customerId\":\"c\",\"pad\":\""
                                    + "x".repeat(70_000)
                                    + "\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":1}]}",
                            413,
                            null));

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(BadRequestIT.class);
    }

    @Test
    public void eachBadRequestIsAProblemAndWritesNothing() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        probe.awaitOutboxDrained(Duration.ofSeconds(30));
        Map<String, Long> before =
                probe.quietRowCounts(Duration.ofMillis(500), Duration.ofSeconds(30));
        List<Executable> checks = new ArrayList<>();
        for (Case c : CASES) {
            OrderApi.Reply reply = api.post("orders", c.body(), "application/json");
            checks.add(
                    () -> {
                        assertEquals(c.status(), reply.status(), c.name() + ": " + reply.body());
                        assertTrue(
                                reply.contentType().startsWith("application/problem+json"),
                                c.name() + ": " + reply.contentType());
                        assertEquals(c.status(), reply.object().getInt("status"), c.name());
                        assertTrue(!reply.string("detail").isBlank(), c.name());
                        assertEquals(TYPES.get(c.status()).uri(), reply.string("type"), c.name());
                        assertEquals(
                                TYPES.get(c.status()).title(), reply.string("title"), c.name());
                        if (c.field() != null) {
                            assertEquals(
                                    c.field(),
                                    reply.object().getString("field", null),
                                    c.name() + ": " + reply.body());
                        }
                    });
        }
        OrderApi.Reply wrongType =
                api.post("orders", "customerId=c", "application/x-www-form-urlencoded");
        checks.add(() -> assertEquals(415, wrongType.status(), wrongType.body()));
        checks.add(() -> assertEquals("about:blank", wrongType.string("type"), wrongType.body()));
        checks.add(
                () ->
                        assertEquals(
                                "Unsupported Media Type",
                                wrongType.string("title"),
                                wrongType.body()));
        OrderApi.Reply described =
                new OrderApi(java.net.URI.create("http://127.0.0.1:8080/outbox/"))
                        .get("problems.html");
        checks.add(() -> assertEquals(200, described.status(), "the type URIs dereference"));
        for (ProblemType type : TYPES.values()) {
            checks.add(
                    () ->
                            assertTrue(
                                    described.body().contains("id=\"" + type.id() + "\""),
                                    type + " described at " + type.uri()));
        }
        assertAll(checks);
        assertEquals(before, probe.rowCounts(), "refused requests wrote nothing");
    }
}
