package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.METRICS;
import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.outboxlab.contract.WriteMode;

/**
 * Phase {@code e2e}: commit to the last effect at each open-loop offered rate of {@code --rates}
 * and 0.8 × the best closed-loop OUTBOX rate, for every mode whose each event takes effect; then
 * OUTBOX again on a WildFly restarted with one setting off at a time (the after-commit nudge, the
 * consumers' batching), each after one untimed run at the first rate, each row against those above.
 * Rows of {@code --seconds} each: they measure a burst; phase {@code steady} measures what is
 * sustained. Writes bench.json's {@code endToEnd}, every row with its {@code seconds}.
 */
final class EndToEndPhase {

    /** Where the relay's timer alone publishes, with no wake-up after a commit. */
    private static final String NUDGE_OFF = "-Doutbox.relay.nudge=false";

    /** One consumer transaction per delivery. */
    private static final String UNBATCHED = "-Doutbox.consumer.batch-max=1";

    private final BenchRig rig;
    private final double bestOutboxRate;

    /** {@code bestOutboxRate} is the write phase's, or NaN if it did not run. */
    EndToEndPhase(BenchRig rig, double bestOutboxRate) {
        this.rig = rig;
        this.bestOutboxRate = bestOutboxRate;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        int[] rates = rig.options().rates;
        int[] offered = Arrays.copyOf(rates, rates.length + 1);
        offered[rates.length] =
                (int)
                        Math.max(
                                50,
                                Math.floor(
                                        (Double.isNaN(bestOutboxRate) ? 100 : bestOutboxRate)
                                                * 0.8));
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (WriteMode mode : WriteMode.ON_EVERY_DATABASE) {
            if (!mode.promisesExactlyOnceEffect()) {
                continue;
            }
            for (int rate : offered) {
                rows.add(openLoop(mode, true, rate));
            }
        }
        outboxWith(
                rows,
                offered,
                "the after-commit nudge off (relay timer only, interval 1000 ms)",
                NUDGE_OFF);
        outboxWith(
                rows,
                offered,
                "the consumers' batching off (one transaction per delivery)",
                UNBATCHED);
        rig.restart();
        bench.add("endToEnd", rows);
    }

    private void outboxWith(JsonArrayBuilder rows, int[] offered, String what, String property)
            throws Exception {
        progress("restarting WildFly with " + what + " ...");
        rig.restart(property);
        warmUp(offered[0]);
        boolean nudge = !property.equals(NUDGE_OFF);
        for (int rate : offered) {
            JsonObjectBuilder row = openLoop(WriteMode.OUTBOX, nudge, rate);
            if (property.equals(UNBATCHED)) {
                row.add("consumerBatchMax", 1);
            }
            rows.add(row);
        }
    }

    /**
     * One untimed run of OUTBOX at {@code rate} on a server just restarted, its events applied: the
     * rows after it compare a warm server with the warm one above, not a cold one.
     */
    private void warmUp(int rate) throws Exception {
        String prefix = "ew-" + System.nanoTime() % 100000;
        rig.driver()
                .openLoop(
                        WriteMode.OUTBOX.name(),
                        prefix,
                        rate,
                        Duration.ofSeconds(rig.options().seconds));
        EndToEnd.measure(rig.topology(), prefix, Duration.ofSeconds(60));
    }

    private JsonObjectBuilder openLoop(WriteMode mode, boolean nudge, int rate) throws Exception {
        Duration seconds = Duration.ofSeconds(rig.options().seconds);
        String prefix =
                "e-"
                        + mode.name()
                        + "-"
                        + (nudge ? "n" : "t")
                        + "-"
                        + rate
                        + "-"
                        + System.nanoTime() % 100000;
        ServerTimers before = ServerTimers.read(METRICS);
        LoadDriver.Outcome o = rig.driver().openLoop(mode.name(), prefix, rate, seconds);
        EndToEnd.Result e = EndToEnd.measure(rig.topology(), prefix, Duration.ofSeconds(60));
        ServerTimers after = ServerTimers.read(METRICS);
        Map<String, Double> stepMeans = after.meanMsSince(before);
        double commitsPerDelivery = after.commitsPerDeliverySince(before);
        JsonObjectBuilder steps = Json.createObjectBuilder();
        stepMeans.forEach((step, ms) -> steps.add(step, round2(ms)));
        progress(
                String.format(
                        Locale.ROOT,
                        "end to end  %-6s nudge %-5s offered %5d/s achieved %7.1f/s: p50 %7.1f  p95 %7.1f  p99 %7.1f ms"
                                + " (%d events%s)",
                        mode.name(),
                        nudge,
                        rate,
                        o.ordersPerSec(),
                        e.p50(),
                        e.p95(),
                        e.p99(),
                        e.events(),
                        e.missing() > 0 ? ", " + e.missing() + " not yet applied after 60 s" : ""));
        progress(
                String.format(
                        Locale.ROOT,
                        "  consumer commits per delivery %.2f; mean server steps (ms): %s",
                        commitsPerDelivery,
                        stepMeans));
        return Json.createObjectBuilder()
                .add("mode", mode.name())
                .add("nudge", nudge)
                .add("offeredPerSec", rate)
                .add("seconds", seconds.toSeconds())
                .add("achievedPerSec", round(o.ordersPerSec()))
                .add("p50Ms", round(e.p50()))
                .add("p95Ms", round(e.p95()))
                .add("p99Ms", round(e.p99()))
                .add("events", e.events())
                .add("refused", o.failed())
                .add("consumerCommitsPerDelivery", round2(commitsPerDelivery))
                .add("serverStepsMeanMs", steps);
    }
}
