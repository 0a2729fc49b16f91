package org.outboxlab.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A client of the order REST API ({@code api/} under {@link ServerUrl#base()}), as the shop's front
 * end uses it.
 */
public final class OrderApi {

    /**
     * An HTTP answer: its status, its JSON body (an object, or {@code null} if the body was not
     * JSON), and its {@code Retry-After} header ({@code null} if absent).
     */
    public record Reply(
            int status, String contentType, JsonStructure json, String body, String retryAfter) {

        public JsonObject object() {
            if (!(json instanceof JsonObject o)) {
                throw new AssertionError(
                        "expected a JSON object, got HTTP " + status + ": " + body);
            }
            return o;
        }

        public String string(String name) {
            return object().getString(name);
        }
    }

    private final URI base;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OrderApi(URI base) {
        this(base, null);
    }

    private OrderApi(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * The same API, every request signed in as {@code login} (HTTP Basic): for the operator API
     * ({@code operator/…}, {@code outbox-admin}) and the fault plan.
     */
    public OrderApi as(ConsoleLogin login) {
        String credentials = login.user() + ":" + login.password();
        return new OrderApi(
                base,
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The API of the server under test: on this machine's loopback, port 8080, unless {@link
     * ServerUrl#PROPERTY} says otherwise.
     */
    public static OrderApi local() {
        return new OrderApi(ServerUrl.base().resolve("api/"));
    }

    /**
     * Places an order for {@code quantity} of {@code sku}; {@code mode} may be {@code null} for the
     * default.
     */
    public Reply place(String customerId, String mode, String sku, int quantity) {
        return post("orders", orderBody(customerId, mode, sku, quantity), "application/json");
    }

    /**
     * As {@link #place}, with an {@code Idempotency-Key}: a retry with the same key and body gets
     * the first answer and writes nothing.
     */
    public Reply placeOnce(
            String idempotencyKey, String customerId, String mode, String sku, int quantity) {
        return send(
                HttpRequest.newBuilder(base.resolve("orders"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        orderBody(customerId, mode, sku, quantity))));
    }

    private static String orderBody(String customerId, String mode, String sku, int quantity) {
        JsonArrayBuilder lines =
                Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("sku", sku).add("quantity", quantity));
        var body = Json.createObjectBuilder().add("customerId", customerId).add("lines", lines);
        if (mode != null) {
            body.add("mode", mode);
        }
        return body.build().toString();
    }

    /** Places an order and returns its id, failing unless the API answered 201. */
    public String placed(String customerId, String mode, String sku, int quantity) {
        Reply reply = place(customerId, mode, sku, quantity);
        if (reply.status() != 201) {
            throw new AssertionError(
                    "order not placed: HTTP " + reply.status() + " " + reply.body());
        }
        return reply.string("orderId");
    }

    /** Moves an order on: {@code action} is {@code pay}, {@code ship} or {@code cancel}. */
    public Reply advance(String orderId, String action) {
        return post("orders/" + orderId + "/" + action, "", "application/json");
    }

    public Reply order(String orderId) {
        return send(HttpRequest.newBuilder(base.resolve("orders/" + orderId)).GET());
    }

    public Reply products() {
        return send(HttpRequest.newBuilder(base.resolve("products")).GET());
    }

    /** GETs {@code path} under the API. */
    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** PUTs a raw JSON body to {@code path} under the API. */
    public Reply put(String path, String body) {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs a raw body, for requests the API must refuse. */
    public Reply post(String path, String body, String contentType) {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response =
                    http.send(
                            request.timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Reply(
                    response.statusCode(),
                    type,
                    parse(response.body()),
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new AssertionError("request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonStructure parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
