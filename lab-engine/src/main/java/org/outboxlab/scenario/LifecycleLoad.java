package org.outboxlab.scenario;

import jakarta.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent clients that place orders in one write mode and drive each through its lifecycle:
 * placed, paid, then shipped (or, for every third order, cancelled), so each order has a sequence
 * of events whose order the audit checks. Clients pace themselves to the offered rate and keep
 * going through faults until stopped; every request's outcome is logged, including the ones whose
 * answer never came. Customer ids are {@code <tag>-<client>-<n>}, so the audit finds every order
 * the run placed.
 */
public final class LifecycleLoad implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final String[] SKUS = {"BOOK-1", "MUG-1", "PEN-1"};

    /** The order API of each node, {@code …/outbox/api/}. */
    private final List<URI> apis;

    private final String mode;
    private final String tag;
    private final LoadOptions options;
    private final HttpClient http;
    private final ExecutorService httpThreads;
    private final ExecutorService clients;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<WriteRequest> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong placed = new AtomicLong();
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();

    /**
     * @param baseUri the application's base URI ({@code …/outbox/})
     * @param tag prefix of every customer id of this run; must be unique per run
     */
    public LifecycleLoad(URI baseUri, String mode, String tag, LoadOptions options) {
        this(baseUri, mode, tag, options, null);
    }

    /**
     * @param threads where the clients and the HTTP client get their threads (inside a server: its
     *     managed thread factory); {@code null} for the JDK's defaults
     */
    public LifecycleLoad(
            URI baseUri, String mode, String tag, LoadOptions options, ThreadFactory threads) {
        this(List.of(baseUri), mode, tag, options, threads);
    }

    /**
     * Load spread over several nodes: each order goes to one node, the next order to the next; when
     * a node refuses the connection (down: nothing was sent) the step goes to the next node, as a
     * load balancer would send it, and the order stays there.
     *
     * @param baseUris each node's base URI ({@code …/outbox/})
     */
    public LifecycleLoad(
            List<URI> baseUris,
            String mode,
            String tag,
            LoadOptions options,
            ThreadFactory threads) {
        if (baseUris.isEmpty()) {
            throw new IllegalArgumentException("no node to send the load to");
        }
        this.apis = baseUris.stream().map(uri -> uri.resolve("api/")).toList();
        this.mode = mode;
        this.tag = tag;
        this.options = options;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        this.httpThreads = threads == null ? null : Executors.newCachedThreadPool(threads);
        if (httpThreads != null) {
            http.executor(httpThreads);
        }
        this.http = http.build();
        this.clients =
                threads == null
                        ? Executors.newFixedThreadPool(options.clientsPerMode())
                        : Executors.newFixedThreadPool(options.clientsPerMode(), threads);
    }

    /** Starts the clients; they run until {@link #stop()}. */
    public void start() {
        for (int i = 0; i < options.clientsPerMode(); i++) {
            int client = i;
            clients.submit(() -> drive(client));
        }
    }

    /** Stops the clients after their current order step and waits for them. */
    public void stop() throws InterruptedException {
        stopping.set(true);
        clients.shutdown();
        if (!clients.awaitTermination(REQUEST_TIMEOUT.toSeconds() * 4, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
        if (httpThreads != null) {
            httpThreads.shutdown();
        }
    }

    /** Places one order for customer {@code <tag>-<suffix>}, outside the paced clients. */
    public WriteRequest placeOne(String suffix) {
        return place(tag + "-" + suffix, SKUS[0]);
    }

    /**
     * Places one order for customer {@code <tag>-<suffix>} whose events the armed fault plan
     * poisons: the audit expects them in a dead-letter queue rather than counting them lost.
     */
    public WriteRequest placePoison(String suffix) {
        poisoned.add(tag + "-" + suffix);
        return placeOne(suffix);
    }

    /** The customers of {@link #placePoison poisoned} orders. */
    public Set<String> poisoned() {
        return Set.copyOf(poisoned);
    }

    public String mode() {
        return mode;
    }

    public String tag() {
        return tag;
    }

    /** Orders placed so far (attempts, whatever their outcome). */
    public long ordersAttempted() {
        return placed.get();
    }

    /** Every request sent so far and what its client learned. */
    public List<WriteRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private void drive(int client) {
        long intervalNanos =
                (long) (options.clientsPerMode() * 1e9 / options.ordersPerSecondPerMode());
        long next = System.nanoTime() + client * intervalNanos / options.clientsPerMode();
        for (int n = 0; !stopping.get(); n++) {
            pauseUntil(next);
            next += intervalNanos;
            String customer = tag + "-" + client + "-" + n;
            int[] node = {(client + n) % apis.size()};
            WriteRequest place = place(customer, SKUS[(client + n) % SKUS.length], node);
            if (place.outcome() != Outcome.ACCEPTED || stopping.get()) {
                continue;
            }
            WriteRequest pay = advance(customer, place.orderId(), "pay", node);
            if (pay.outcome() != Outcome.ACCEPTED || stopping.get()) {
                continue;
            }
            advance(customer, place.orderId(), n % 3 == 2 ? "cancel" : "ship", node);
        }
    }

    private WriteRequest place(String customer, String sku) {
        return place(customer, sku, new int[] {0});
    }

    private WriteRequest place(String customer, String sku, int[] node) {
        placed.incrementAndGet();
        String body =
                Json.createObjectBuilder()
                        .add("customerId", customer)
                        .add("mode", mode)
                        .add(
                                "lines",
                                Json.createArrayBuilder()
                                        .add(
                                                Json.createObjectBuilder()
                                                        .add("sku", sku)
                                                        .add("quantity", 1)))
                        .build()
                        .toString();
        return send("place", customer, null, "orders", body, node);
    }

    private WriteRequest advance(String customer, String orderId, String action, int[] node) {
        return send(action, customer, orderId, "orders/" + orderId + "/" + action, "", node);
    }

    /**
     * Sends one step to node {@code node[0]}; a refused connection tries each other node once and
     * leaves {@code node[0]} at the node that answered. Logs one request either way.
     */
    private WriteRequest send(
            String action, String customer, String orderId, String path, String body, int[] node) {
        WriteRequest result = null;
        for (int tried = 0; tried < apis.size(); tried++) {
            result = send(action, customer, orderId, apis.get(node[0]).resolve(path), body);
            if (result.outcome() != Outcome.UNREACHABLE) {
                break;
            }
            node[0] = (node[0] + 1) % apis.size();
        }
        log.add(result);
        return result;
    }

    private WriteRequest send(
            String action, String customer, String orderId, URI uri, String body) {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        WriteRequest result;
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String id = orderId != null ? orderId : WriteAnswer.orderId(response.body());
            Outcome outcome = WriteAnswer.outcome(mode, status, response.body());
            result =
                    new WriteRequest(
                            mode,
                            action,
                            customer,
                            id,
                            outcome,
                            status,
                            WriteAnswer.problemType(response.body()));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            result = new WriteRequest(mode, action, customer, orderId, Outcome.UNREACHABLE, 0);
        } catch (IOException e) {
            result = new WriteRequest(mode, action, customer, orderId, Outcome.INDETERMINATE, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new WriteRequest(mode, action, customer, orderId, Outcome.INDETERMINATE, 0);
        }
        return result;
    }

    private void pauseUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping.set(true);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
