package org.outboxlab.scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.outboxlab.contract.WriteMode;

/**
 * The steps every scenario shares (a lifecycle load per mode, progress lines, the bounded wait for
 * the system to settle, the audit) and the scenarios a running server can take without stopping:
 * {@code baseline}, {@code consumer-failure} and {@code redelivery}. The scenarios that kill
 * processes build on the same steps.
 */
public class ServerUpScenarios {

    private static final Duration SETTLE_WINDOW = Duration.ofSeconds(15);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(180);

    /** Consumers fail the first delivery of one event in this many. */
    static final int TRANSIENT_EVERY = 7;

    static final int REPUBLISH_EVERY = 5;
    static final int ROLLBACK_EVERY = 6;

    protected final LabTarget target;
    protected final LoadOptions load;
    protected final Consumer<String> progress;
    private final ThreadFactory threads;
    private int sequence;

    public ServerUpScenarios(LabTarget target, LoadOptions load, Consumer<String> progress) {
        this(target, load, progress, null);
    }

    /**
     * @param threads where the load's clients get their threads (inside a server: its managed
     *     thread factory)
     */
    public ServerUpScenarios(
            LabTarget target, LoadOptions load, Consumer<String> progress, ThreadFactory threads) {
        this.target = target;
        this.load = load;
        this.progress = progress;
        this.threads = threads;
    }

    /**
     * Runs a scenario the server stays up for, every mode at once; one audited result per mode. Its
     * faults hit this run's orders only (the plan's customer prefix is the run's tag), so other
     * traffic on the same server is left alone.
     */
    public List<RunResult> run(Scenario scenario, List<String> modes)
            throws InterruptedException, SQLException {
        if (!scenario.serverStaysUp()) {
            throw new IllegalArgumentException(
                    scenario.id() + " stops a process: it needs the lab's own processes");
        }
        String tag = nextTag(scenario);
        Map<String, LifecycleLoad> loads = loads(tag, modes);
        String note =
                switch (scenario) {
                    case CONSUMER_FAILURE -> {
                        target.faults(
                                "{\"transientFailureEvery\":"
                                        + TRANSIENT_EVERY
                                        + ",\"poisonCustomerSuffix\":\"-poison\","
                                        + "\"customerPrefix\":\""
                                        + tag
                                        + "\"}");
                        yield "one poison order per mode; consumers fail the first delivery of 1 event in "
                                + TRANSIENT_EVERY;
                    }
                    case REDELIVERY -> {
                        target.faults(
                                "{\"duplicatePublishEvery\":"
                                        + REPUBLISH_EVERY
                                        + ",\"rollbackAfterEffectEvery\":"
                                        + ROLLBACK_EVERY
                                        + ",\"customerPrefix\":\""
                                        + tag
                                        + "\"}");
                        yield "1 event in "
                                + REPUBLISH_EVERY
                                + " published twice past the broker's duplicate detection; "
                                + "consumers roll back 1 event in "
                                + ROLLBACK_EVERY
                                + " after staging its effect";
                    }
                    default -> null;
                };
        Instant loadStart = Instant.now();
        try {
            start(loads);
            if (scenario == Scenario.CONSUMER_FAILURE) {
                loads.values().forEach(l -> l.placeOne("poison"));
            }
            watch(scenario, loads, load.duration());
            // consumer faults stay armed until the redeliveries are done: the poison must reach its
            // DLQ
            return finish(scenario, null, loads, loadStart, null, note);
        } finally {
            if (note != null) {
                target.faults(null);
            }
        }
    }

    /**
     * Stops the loads, waits for the system to settle and audits each mode. {@code faultOver} is
     * when the fault ended; {@code null} for a run without one, whose recovery counts from the
     * load's end.
     */
    protected List<RunResult> finish(
            Scenario scenario,
            String faultPoint,
            Map<String, LifecycleLoad> loads,
            Instant loadStart,
            Instant faultOver,
            String note)
            throws InterruptedException, SQLException {
        stop(loads);
        Instant loadEnd = Instant.now();
        boolean settled = settle(scenario, loads);
        return audit(
                records(
                        scenario,
                        faultPoint,
                        loads,
                        loadStart,
                        loadEnd,
                        faultOver == null ? loadEnd : faultOver,
                        note),
                settled);
    }

    /** One load per mode, tagged {@code <tag>-<mode>}, not yet started. */
    protected Map<String, LifecycleLoad> loads(String tag, List<String> modes) {
        Map<String, LifecycleLoad> loads = new LinkedHashMap<>();
        for (String mode : modes) {
            loads.put(
                    mode,
                    new LifecycleLoad(target.baseUris(), mode, tag + "-" + mode, load, threads));
        }
        return loads;
    }

    protected static void start(Map<String, LifecycleLoad> loads) {
        loads.values().forEach(LifecycleLoad::start);
    }

    protected static void stop(Map<String, LifecycleLoad> loads) throws InterruptedException {
        for (LifecycleLoad l : loads.values()) {
            l.stop();
        }
    }

    protected static List<RunRecord> records(
            Scenario scenario,
            String faultPoint,
            Map<String, LifecycleLoad> loads,
            Instant loadStart,
            Instant loadEnd,
            Instant faultOver,
            String note) {
        List<RunRecord> records = new ArrayList<>();
        for (LifecycleLoad l : loads.values()) {
            records.add(
                    new RunRecord(
                            l.mode(),
                            scenario.id(),
                            faultPoint,
                            l.tag(),
                            loadStart,
                            loadEnd,
                            faultOver,
                            l.ordersAttempted(),
                            l.requests(),
                            note));
        }
        return records;
    }

    /** Waits, bounded, for the runs of {@code loads} to settle; reports how long it took. */
    protected boolean settle(Scenario scenario, Map<String, LifecycleLoad> loads)
            throws SQLException, InterruptedException {
        progress.accept(
                scenario.id()
                        + ": load stopped, waiting for "
                        + String.join("/", loads.keySet())
                        + " to settle");
        Instant from = Instant.now();
        boolean settled;
        try (Connection db = target.database()) {
            settled =
                    Settling.await(
                            db,
                            loads.values().stream().map(LifecycleLoad::tag).toList(),
                            SETTLE_WINDOW,
                            SETTLE_LIMIT);
        }
        progress.accept(
                scenario.id()
                        + ": "
                        + (settled ? "settled" : "NOT settled")
                        + " after "
                        + seconds(from, Instant.now())
                        + " s");
        return settled;
    }

    /**
     * Audits each record; heuristic outcomes and prepared transactions are charged to the modes
     * whose writes are two-phase commits.
     */
    protected List<RunResult> audit(List<RunRecord> records, boolean settled) throws SQLException {
        long heuristic = target.heuristics();
        Map<String, Set<String>> parked = target.deadLetters();
        List<RunResult> results = new ArrayList<>();
        try (Connection db = target.database()) {
            Audit audit = new Audit(db);
            long prepared = Settling.preparedTransactions(db);
            for (RunRecord record : records) {
                results.add(
                        audit.audit(
                                record,
                                parked,
                                twoPhaseCommit(record.mode()) ? heuristic + prepared : 0,
                                settled));
            }
        }
        return results;
    }

    private static boolean twoPhaseCommit(String mode) {
        return WriteMode.byName(mode).map(WriteMode::twoPhaseCommit).orElse(false);
    }

    /** Sleeps for {@code span}, printing a progress line every five seconds. */
    protected void watch(Scenario scenario, Map<String, LifecycleLoad> loads, Duration span)
            throws InterruptedException {
        long end = System.nanoTime() + span.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(5000, left / 1_000_000 + 1));
            StringBuilder line = new StringBuilder(scenario.id()).append(":");
            for (LifecycleLoad l : loads.values()) {
                List<WriteRequest> requests = l.requests();
                long ok = requests.stream().filter(r -> r.outcome() == Outcome.ACCEPTED).count();
                line.append(' ')
                        .append(l.mode())
                        .append(' ')
                        .append(ok)
                        .append('/')
                        .append(requests.size())
                        .append(" ok");
            }
            progress.accept(line.toString());
        }
    }

    protected Duration fraction(double share) {
        return Duration.ofMillis((long) (load.duration().toMillis() * share));
    }

    /** A customer-id prefix no earlier run used: time-based, plus a counter. */
    protected String nextTag(Scenario scenario) {
        return "lab"
                + Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
                + "-"
                + (++sequence)
                + "-"
                + scenario.id();
    }

    protected static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f", Duration.between(from, to).toMillis() / 1000.0);
    }
}
