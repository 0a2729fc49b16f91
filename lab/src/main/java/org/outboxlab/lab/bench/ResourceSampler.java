package org.outboxlab.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples WildFly once a second, keeping the peaks: CPU use (cores) and resident memory from /proc,
 * and used heap from the server's own {@code memory_used_heap_bytes} on the management /metrics.
 */
final class ResourceSampler implements AutoCloseable {

    private static final double TICKS_PER_SECOND = 100.0;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile long pid;
    private long lastTicks = -1;
    private long lastNanos;
    private volatile double peakCpu;
    private volatile long peakRssBytes;
    private volatile long peakHeapBytes;

    /**
     * The heap is read from WildFly's whole metrics scrape, which cost the server about a tenth of
     * its CPU samples when taken every second during a benchmark: every tenth sample only.
     */
    private static final int HEAP_EVERY = 10;

    private long samples;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    void follow(long processId) {
        pid = processId;
        synchronized (this) {
            lastTicks = -1;
        }
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        try {
            String[] stat =
                    Files.readString(Path.of("/proc", Long.toString(pid), "stat"))
                            .replaceAll(".*\\) ", "")
                            .split(" ");
            long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            long now = System.nanoTime();
            if (lastTicks >= 0) {
                double cpu = (ticks - lastTicks) / TICKS_PER_SECOND / ((now - lastNanos) / 1e9);
                peakCpu = Math.max(peakCpu, cpu);
            }
            lastTicks = ticks;
            lastNanos = now;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    peakRssBytes = Math.max(peakRssBytes, kb * 1024);
                }
            }
            if (samples++ % HEAP_EVERY != 0) {
                return;
            }
            String metrics =
                    http.send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    java.net.URI.create(
                                                            "http://127.0.0.1:9990/metrics"))
                                            .timeout(java.time.Duration.ofSeconds(2))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body();
            metrics.lines()
                    .filter(l -> l.startsWith("memory_used_heap_bytes "))
                    .findFirst()
                    .ifPresent(
                            l ->
                                    peakHeapBytes =
                                            Math.max(
                                                    peakHeapBytes,
                                                    (long)
                                                            Double.parseDouble(
                                                                    l.substring(
                                                                            l.indexOf(' ') + 1))));
        } catch (IOException | RuntimeException e) {
            // the process is restarting; the next sample follows the new one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    /** Peak CPU in cores (2.0 = both cores of this machine busy). */
    double peakCpuCores() {
        return peakCpu;
    }

    long peakRssBytes() {
        return peakRssBytes;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
