package org.outboxlab.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.FaultPlan;

/**
 * Arms and clears the fault plan of a server started with {@code -Doutbox.faults.enabled=true},
 * through {@code /outbox/api/faults}. Crash points: {@code naive-after-db-commit}, {@code
 * outbox-after-broker-commit}, {@code xa-after-prepare} (the last needs the lab's Byteman agent);
 * consumer faults: {@code transientFailureEvery}, {@code poisonCustomerSuffix}, {@code
 * rollbackAfterEffectEvery}; publish faults: {@code duplicatePublishEvery}; and {@code
 * customerPrefix} to hit only the orders of customers whose id starts with it. The endpoint takes
 * an {@code outbox-admin} or {@code outbox-lab} user (HTTP Basic).
 */
public final class FaultControl {

    private final URI faults;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param baseUri the application's base URI ({@code http://host:port/outbox/})
     * @param user an {@code outbox-admin} or {@code outbox-lab} user of the server
     * @param password that user's password
     */
    public FaultControl(URI baseUri, String user, String password) {
        this.faults = baseUri.resolve("api/faults");
        this.authorization = basic(user, password);
    }

    /** The {@code Authorization} header's value for HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The plan now armed, as the server reports it (JSON). */
    public String current() {
        return send(HttpRequest.newBuilder(faults).GET());
    }

    /** Replaces the whole plan with {@code planJson}; fields left out are off. */
    public void replace(String planJson) {
        send(
                HttpRequest.newBuilder(faults)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(planJson)));
    }

    /** Halts the server's JVM the next time a write passes {@code crashPoint} (its id). */
    public void armCrash(String crashPoint) {
        apply(
                FaultPlan.crashAt(
                        CrashPoint.byId(crashPoint)
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "unknown crash point " + crashPoint))));
    }

    /** Arms {@code plan} in place of the current one; {@link FaultPlan#NONE} clears the plan. */
    public void apply(FaultPlan plan) {
        if (plan.equals(FaultPlan.NONE)) {
            clear();
        } else {
            replace(plan.toJson());
        }
    }

    /** Switches every fault off. */
    public void clear() {
        send(HttpRequest.newBuilder(faults).DELETE());
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(
                            request.header("Authorization", authorization)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "fault plan refused: HTTP "
                                + response.statusCode()
                                + " "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + faults + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
