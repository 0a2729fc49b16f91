package org.outboxlab.web.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last few minutes of dashboard readings, kept in memory for the trend charts: at most one
 * sample a second, oldest dropped first. Shared by every viewer of the dashboard; lost on restart.
 */
@ApplicationScoped
public class DashboardHistory {

    /** One reading: pending and failed rows, published and failed publishes so far. */
    public record Sample(
            Instant at, long pending, long failed, double published, double publishFailures) {}

    static final int CAPACITY = 180;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Adds {@code sample} unless the latest one is less than a second old. */
    public synchronized void record(Sample sample) {
        Sample last = samples.peekLast();
        if (last != null && sample.at().toEpochMilli() - last.at().toEpochMilli() < 1000) {
            return;
        }
        samples.addLast(sample);
        while (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** Events published per second between consecutive samples (the first sample has no rate). */
    public static List<Double> publishRates(List<Sample> samples) {
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            double seconds = (b.at().toEpochMilli() - a.at().toEpochMilli()) / 1000.0;
            rates.add(seconds <= 0 ? 0 : Math.max(0, b.published() - a.published()) / seconds);
        }
        return rates;
    }
}
