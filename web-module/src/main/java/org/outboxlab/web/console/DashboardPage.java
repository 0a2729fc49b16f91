package org.outboxlab.web.console;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outboxlab.cluster.ClusterSettings;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.ops.DeadLetters;
import org.outboxlab.ops.OutboxBacklog;
import org.outboxlab.ops.OutboxCounters;
import org.outboxlab.outbox.OutboxStatus;
import org.outboxlab.relay.OutboxRelay;

/**
 * One reading of the outbox, the relay, the consumers and the dead-letter queues, per request (and
 * per poll).
 */
@Named
@RequestScoped
public class DashboardPage {

    /** A consumer's line on the dashboard. */
    public record ConsumerRow(
            String consumer, double processed, double duplicates, long deadLetters) {}

    static final int CHART_WIDTH = 360;
    static final int CHART_HEIGHT = 80;

    @Inject OutboxBacklog backlog;

    @Inject OutboxCounters counters;

    @Inject DeadLetters deadLetters;

    @Inject OutboxRelay relay;

    @Inject DashboardHistory history;

    @Inject ClusterSettings cluster;

    private OutboxBacklog.Snapshot snapshot;
    private OutboxCounters.Reading reading;
    private Map<ConsumerName, Long> depths;
    private List<DashboardHistory.Sample> samples;
    private OutboxRelay.State relayState;

    @PostConstruct
    void read() {
        snapshot = backlog.now();
        reading = counters.now();
        depths = deadLetters.depths();
        relayState = relay.state();
        history.record(
                new DashboardHistory.Sample(
                        Instant.now(),
                        snapshot.count(OutboxStatus.PENDING),
                        snapshot.count(OutboxStatus.FAILED),
                        reading.published(),
                        reading.publishFailures()));
        samples = history.samples();
    }

    /** This node's name: the relay's and the consumers' figures are this node's own. */
    public String getNode() {
        return cluster.node();
    }

    public long count(String status) {
        return snapshot.count(OutboxStatus.valueOf(status));
    }

    /**
     * The modes whose rows are DIRECT (sent by the write itself, not the relay), as in "XA, NAIVE".
     */
    public String getDirectModes() {
        return String.join(
                ", ",
                Arrays.stream(WriteMode.values())
                        .filter(m -> m.recordsEvent() && !m.leavesRowForRelay())
                        .map(WriteMode::name)
                        .toList());
    }

    public OutboxBacklog.Snapshot getBacklog() {
        return snapshot;
    }

    public OutboxCounters.Reading getCounters() {
        return reading;
    }

    public boolean isRelayPaused() {
        return relayState.paused();
    }

    public boolean isBrokerOutage() {
        return relayState.brokerOutage();
    }

    public List<ConsumerRow> getConsumers() {
        return Arrays.stream(ConsumerName.values())
                .map(
                        c ->
                                new ConsumerRow(
                                        c.id(),
                                        reading.processed().get(c),
                                        reading.duplicates().get(c),
                                        depths.getOrDefault(c, -1L)))
                .toList();
    }

    /** The publish rate now (events per second over the last interval). */
    public double getPublishRate() {
        List<Double> rates = DashboardHistory.publishRates(samples);
        return rates.isEmpty() ? 0 : rates.get(rates.size() - 1);
    }

    public String getPendingLine() {
        return SvgChart.line(
                samples.stream().map(DashboardHistory.Sample::pending).toList(),
                CHART_WIDTH,
                CHART_HEIGHT);
    }

    public long getPendingMax() {
        return (long) SvgChart.max(samples.stream().map(DashboardHistory.Sample::pending).toList());
    }

    public String getRateLine() {
        return SvgChart.line(DashboardHistory.publishRates(samples), CHART_WIDTH, CHART_HEIGHT);
    }

    public String getRateMax() {
        return String.format(
                Locale.ROOT, "%.0f", SvgChart.max(DashboardHistory.publishRates(samples)));
    }

    public int getSampleCount() {
        return samples.size();
    }

    public int getChartWidth() {
        return CHART_WIDTH;
    }

    public int getChartHeight() {
        return CHART_HEIGHT;
    }
}
