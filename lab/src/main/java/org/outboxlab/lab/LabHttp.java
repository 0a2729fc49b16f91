package org.outboxlab.lab;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The order API as the lab's clients call it: each call returns its status and JSON body. */
final class LabHttp {

    record Reply(int status, JsonObject body) {}

    private final URI base = URI.create("http://127.0.0.1:8080/outbox/api/");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Reply place(String customerId, String mode, String sku, int quantity)
            throws IOException, InterruptedException {
        String body =
                Json.createObjectBuilder()
                        .add("customerId", customerId)
                        .add("mode", mode)
                        .add(
                                "lines",
                                Json.createArrayBuilder()
                                        .add(
                                                Json.createObjectBuilder()
                                                        .add("sku", sku)
                                                        .add("quantity", quantity)))
                        .build()
                        .toString();
        return send(
                HttpRequest.newBuilder(base.resolve("orders"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply advance(String orderId, String action) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(base.resolve("orders/" + orderId + "/" + action))
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply order(String orderId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("orders/" + orderId)).GET());
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonObject json = null;
        if (response.body().startsWith("{")) {
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                json = reader.readObject();
            }
        }
        return new Reply(response.statusCode(), json);
    }
}
