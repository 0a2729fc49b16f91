package org.outboxlab.lab.bench;

import static org.outboxlab.lab.bench.Benchmark.progress;
import static org.outboxlab.lab.bench.Benchmark.round2;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Locale;
import org.outboxlab.contract.WriteMode;

/**
 * Phase {@code transactions}: what each compared mode costs PostgreSQL at {@link #RATE} orders a
 * second, counted by the database ({@link Transactions}). Writes bench.json's {@code transactions}:
 * per mode two-phase commits per event, consumer statements and commits per delivery, commits per
 * order, and the idle server's commits a second that were deducted.
 */
final class TransactionsPhase {

    /** The offered rate, the rate the consumers' commit target is set at. */
    static final int RATE = 200;

    /** How long each of a mode's two runs offers its orders. */
    static final Duration DURATION = Duration.ofSeconds(4);

    private final BenchRig rig;

    TransactionsPhase(BenchRig rig) {
        this.rig = rig;
    }

    void run(JsonObjectBuilder bench) throws Exception {
        Transactions transactions = Transactions.withIdleRate(rig);
        progress(
                String.format(
                        Locale.ROOT,
                        "transactions: an idle server commits %.1f times a second (deducted below)",
                        transactions.idleCommitsPerSecond()));
        JsonObjectBuilder modes = Json.createObjectBuilder();
        for (String mode : WriteMode.ON_EVERY_DATABASE.stream().map(Enum::name).toList()) {
            Transactions.Cost cost = transactions.measure(mode, RATE, DURATION);
            progress(
                    String.format(
                            Locale.ROOT,
                            "transactions %-6s at %d/s: %.2f two-phase commits per event, %.2f consumer statements "
                                    + "and %.2f consumer commits per delivery, %.2f commits per order (%d events)",
                            mode,
                            RATE,
                            cost.twoPhaseCommitsPerEvent(),
                            cost.statementsPerDelivery(),
                            cost.commitsPerDelivery(),
                            cost.commitsPerOrder(),
                            cost.events()));
            modes.add(
                    mode,
                    Json.createObjectBuilder()
                            .add("offeredPerSec", cost.offeredPerSec())
                            .add("events", cost.events())
                            .add("twoPhaseCommitsPerEvent", round2(cost.twoPhaseCommitsPerEvent()))
                            .add("statementsPerDelivery", round2(cost.statementsPerDelivery()))
                            .add("commitsPerDelivery", round2(cost.commitsPerDelivery()))
                            .add("commitsPerOrder", round2(cost.commitsPerOrder()))
                            .add(
                                    "idleCommitsPerSecDeducted",
                                    round2(transactions.idleCommitsPerSecond())));
        }
        bench.add("transactions", modes);
    }
}
