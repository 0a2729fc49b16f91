package org.outboxlab.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Arms and clears the fault plan of a server started with {@code -Doutbox.faults.enabled=true},
 * through {@code /outbox/api/faults}. Crash points: {@code naive-after-db-commit},
 * {@code outbox-after-broker-commit}, {@code xa-after-prepare} (the last needs the lab's Byteman
 * agent); consumer faults: {@code transientFailureEvery}, {@code poisonCustomerSuffix},
 * {@code rollbackAfterEffectEvery}; publish faults: {@code duplicatePublishEvery}.
 */
public final class FaultControl {

    private final URI faults;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUri the application's base URI ({@code http://host:port/outbox/}) */
    public FaultControl(URI baseUri) {
        this.faults = baseUri.resolve("api/faults");
    }

    /** Halts the server's JVM the next time a write passes {@code crashPoint}. */
    public void armCrash(String crashPoint) {
        replace("{\"crashPoint\":\"" + crashPoint + "\"}");
    }

    /** Replaces the whole plan with {@code planJson}; fields left out are off. */
    public void replace(String planJson) {
        send(HttpRequest.newBuilder(faults).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(planJson)));
    }

    /** Switches every fault off. */
    public void clear() {
        send(HttpRequest.newBuilder(faults).DELETE());
    }

    private void send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("fault plan refused: HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + faults + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
