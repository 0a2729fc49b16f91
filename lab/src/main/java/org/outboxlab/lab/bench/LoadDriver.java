package org.outboxlab.lab.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places orders over HTTP as the shop's front end would: closed loop (N clients, each sends its
 * next order when the last one returned) or open loop (a fixed offered rate, whatever the response
 * times).
 */
final class LoadDriver {

    /** What one run did: orders accepted per second, latencies of accepted orders, refusals. */
    record Outcome(double ordersPerSec, Latencies latencies, long accepted, long failed) {}

    /** The order endpoint of each node; orders go to them in turn. */
    private final List<URI> orders;

    /** Where each order's product comes from; null for the sample catalogue, by customer. */
    private final Catalogue catalogue;

    private final AtomicInteger turn = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(
                            Executors.newFixedThreadPool(
                                    8,
                                    r -> {
                                        Thread t = new Thread(r, "bench-http");
                                        t.setDaemon(true);
                                        return t;
                                    }))
                    .build();

    /** Load for the one server at port offset 0. */
    LoadDriver() {
        this(List.of(URI.create("http://127.0.0.1:8080/outbox/")));
    }

    /**
     * Load spread over nodes, one order to each in turn; {@code baseUris} end in {@code /outbox/}.
     */
    LoadDriver(List<URI> baseUris) {
        this(baseUris.stream().map(uri -> uri.resolve("api/orders")).toList(), null);
    }

    private LoadDriver(List<URI> orders, Catalogue catalogue) {
        this.orders = orders;
        this.catalogue = catalogue;
    }

    /** The same load on the same nodes, each order's product drawn from {@code catalogue}. */
    LoadDriver choosingFrom(Catalogue catalogue) {
        return new LoadDriver(orders, catalogue);
    }

    /**
     * {@code clients} concurrent clients for {@code duration}, after an unmeasured {@code warmUp}.
     */
    Outcome closedLoop(
            String mode, String customerPrefix, int clients, Duration warmUp, Duration duration)
            throws InterruptedException {
        run(mode, customerPrefix + "-warm", clients, warmUp, null);
        Latencies latencies = new Latencies();
        long[] counts = run(mode, customerPrefix, clients, duration, latencies);
        return new Outcome(counts[0] / (duration.toNanos() / 1e9), latencies, counts[0], counts[1]);
    }

    private long[] run(
            String mode, String customerPrefix, int clients, Duration duration, Latencies latencies)
            throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger sequence = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            pool.execute(
                    () -> {
                        while (System.nanoTime() < deadline) {
                            long started = System.nanoTime();
                            if (place(mode, customerPrefix + "-" + sequence.incrementAndGet())) {
                                accepted.incrementAndGet();
                                if (latencies != null) {
                                    latencies.add(System.nanoTime() - started);
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return new long[] {accepted.get(), failed.get()};
    }

    /**
     * Offers {@code ratePerSec} orders a second for {@code duration}, each on its own, whatever the
     * server does.
     */
    Outcome openLoop(String mode, String customerPrefix, int ratePerSec, Duration duration)
            throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Latencies latencies = new Latencies();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long total = ratePerSec * duration.toSeconds();
        AtomicLong sent = new AtomicLong();
        long periodNanos = 1_000_000_000L / ratePerSec;
        long started = System.nanoTime();
        ticker.scheduleAtFixedRate(
                () -> {
                    if (sent.get() >= total) {
                        return;
                    }
                    long n = sent.incrementAndGet();
                    senders.execute(
                            () -> {
                                long t0 = System.nanoTime();
                                if (place(mode, customerPrefix + "-" + n)) {
                                    accepted.incrementAndGet();
                                    latencies.add(System.nanoTime() - t0);
                                } else {
                                    failed.incrementAndGet();
                                }
                            });
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        while (sent.get() < total && System.nanoTime() - started < duration.toNanos() * 3) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Outcome(accepted.get() / seconds, latencies, accepted.get(), failed.get());
    }

    /**
     * Products with plenty of stock; orders spread over them so no single stock row is the
     * bottleneck.
     */
    private static final String[] SKUS = {
        "BOOK-1", "BOOK-2", "MUG-1", "TEE-1", "CABLE-1", "LAMP-1", "PEN-1", "SOCK-1"
    };

    /** Places one order and returns when it was answered; fails unless it was accepted. */
    void placeOne(String mode, String customerId) {
        if (!place(mode, customerId)) {
            throw new IllegalStateException(
                    "order of " + customerId + " in " + mode + " was not accepted");
        }
    }

    private boolean place(String mode, String customerId) {
        String sku =
                catalogue != null
                        ? catalogue.pick()
                        : SKUS[Math.floorMod(customerId.hashCode(), SKUS.length)];
        String body =
                "{\"customerId\":\""
                        + customerId
                        + "\",\"mode\":\""
                        + mode
                        + "\",\"lines\":[{\"sku\":\""
                        + sku
                        + "\",\"quantity\":1}]}";
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(
                                            orders.get(
                                                    Math.floorMod(
                                                            turn.getAndIncrement(), orders.size())))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
