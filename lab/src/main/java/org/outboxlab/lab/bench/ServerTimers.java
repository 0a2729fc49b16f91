package org.outboxlab.lab.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own timers of the relay's steps and the consumers' deliveries, read from the
 * Prometheus text on the management interface: a snapshot before and one after a run give each
 * timer's mean over that run.
 */
final class ServerTimers {

    private static final Pattern LINE =
            Pattern.compile(
                    "^(outbox_relay_step|outbox_consumer_delivery_lag|outbox_consumer_receive)_seconds_(count|sum)\\{([^}]*)}\\s+(\\S+)$");

    /** The consumers' committed transactions, per consumer. */
    private static final Pattern COMMITS =
            Pattern.compile("^outbox_consumer_commits_total\\{([^}]*)}\\s+(\\S+)$");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Sum (s) and count per timer, keyed by name and tag, e.g. {@code relay_step:claim}. */
    private final Map<String, double[]> totals;

    private ServerTimers(Map<String, double[]> totals) {
        this.totals = totals;
    }

    static ServerTimers read(String metricsUrl) throws IOException, InterruptedException {
        String text =
                HTTP.send(
                                HttpRequest.newBuilder(URI.create(metricsUrl)).GET().build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        Map<String, double[]> totals = new HashMap<>();
        text.lines()
                .forEach(
                        line -> {
                            Matcher c = COMMITS.matcher(line);
                            if (c.matches()) {
                                totals.computeIfAbsent(
                                                        "consumer_commits:" + tag(c.group(1)),
                                                        k -> new double[2])[1] +=
                                        Double.parseDouble(c.group(2));
                            }
                            Matcher m = LINE.matcher(line);
                            if (m.matches()) {
                                String key =
                                        m.group(1).replace("outbox_", "") + ":" + tag(m.group(3));
                                double[] t = totals.computeIfAbsent(key, k -> new double[2]);
                                t[m.group(2).equals("sum") ? 0 : 1] +=
                                        Double.parseDouble(m.group(4));
                            }
                        });
        return new ServerTimers(totals);
    }

    /**
     * Mean ms of each step between {@code before} and this snapshot: the relay's wake-up, claim,
     * publish (send and broker commit), marking and database commit, the consumers' delivery lag
     * (JMS timestamp to onMessage) and receive (apply and commit), the last two over all three
     * consumers.
     */
    Map<String, Double> meanMsSince(ServerTimers before) {
        Map<String, Double> means = new LinkedHashMap<>();
        double wakeup = mean(before, "relay_step:wakeup");
        double claim = mean(before, "relay_step:claim");
        double publish = mean(before, "relay_step:publish");
        double batch = mean(before, "relay_step:batch");
        means.put("relayWakeup", wakeup);
        means.put("relayClaim", claim);
        means.put("relayPublishAndBrokerCommit", publish);
        means.put("relayMarkAndDbCommit", batch - claim - publish);
        means.put("relayBatch", batch);
        means.put("deliveryLag", meanOverPrefix(before, "consumer_delivery_lag:"));
        means.put("consumerApplyAndCommit", meanOverPrefix(before, "consumer_receive:"));
        return means;
    }

    /**
     * The consumers' committed transactions per delivery between {@code before} and this snapshot,
     * over all three consumers: 1 when each delivery commits alone, less as they are batched.
     */
    double commitsPerDeliverySince(ServerTimers before) {
        double commits = countOverPrefix(before, "consumer_commits:");
        double deliveries = countOverPrefix(before, "consumer_receive:");
        return deliveries <= 0 ? Double.NaN : commits / deliveries;
    }

    /**
     * Each consumer's deliveries a second between {@code before} and this snapshot, over {@code
     * seconds}.
     */
    Map<String, Double> deliveriesPerSecSince(ServerTimers before, double seconds) {
        Map<String, Double> rates = new java.util.TreeMap<>();
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            if (e.getKey().startsWith("consumer_receive:")) {
                double then = before.totals.getOrDefault(e.getKey(), new double[2])[1];
                rates.put(
                        e.getKey().substring("consumer_receive:".length()),
                        (e.getValue()[1] - then) / seconds);
            }
        }
        return rates;
    }

    private double countOverPrefix(ServerTimers before, String prefix) {
        double count = 0;
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                count += e.getValue()[1] - before.totals.getOrDefault(e.getKey(), new double[2])[1];
            }
        }
        return count;
    }

    private double mean(ServerTimers before, String key) {
        double[] now = totals.getOrDefault(key, new double[2]);
        double[] then = before.totals.getOrDefault(key, new double[2]);
        double count = now[1] - then[1];
        return count <= 0 ? Double.NaN : (now[0] - then[0]) / count * 1000;
    }

    private double meanOverPrefix(ServerTimers before, String prefix) {
        double sum = 0;
        double count = 0;
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                double[] then = before.totals.getOrDefault(e.getKey(), new double[2]);
                sum += e.getValue()[0] - then[0];
                count += e.getValue()[1] - then[1];
            }
        }
        return count <= 0 ? Double.NaN : sum / count * 1000;
    }

    private static String tag(String tags) {
        Matcher m = Pattern.compile("(?:step|consumer)=\"([^\"]*)\"").matcher(tags);
        return m.find() ? m.group(1) : "";
    }
}
