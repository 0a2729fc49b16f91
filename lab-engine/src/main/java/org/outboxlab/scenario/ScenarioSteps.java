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
 * The steps every scenario shares, against one {@link LabTarget}: a lifecycle load per mode,
 * progress lines, the bounded wait for the system to settle, and the audit. Each {@link
 * LabScenario} composes them around its own fault; customer tags are unique per instance, so one
 * instance serves a whole comparison.
 */
public final class ScenarioSteps {

    private static final Duration SETTLE_WINDOW = Duration.ofSeconds(15);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(180);

    private final LabTarget target;
    private final LoadOptions load;
    private final Consumer<String> progress;
    private final ThreadFactory threads;
    private volatile Duration settleWindow = SETTLE_WINDOW;
    private int sequence;

    /**
     * @param threads where the load's clients get their threads (inside a server: its managed
     *     thread factory); {@code null} for the JDK's defaults
     */
    public ScenarioSteps(
            LabTarget target, LoadOptions load, Consumer<String> progress, ThreadFactory threads) {
        this.target = target;
        this.load = load;
        this.progress = progress;
        this.threads = threads;
    }

    /**
     * How long nothing may change before runs with lost or parked events count as settled: longer
     * than one Narayana recovery pass of the servers (period plus backoff), so that an in-doubt
     * transaction has had its chance; 15 s by default (the default pass is 10 + 2 s).
     */
    public ScenarioSteps settleWindow(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a settle window must be positive: " + window);
        }
        this.settleWindow = window;
        return this;
    }

    /** The server the scenario drives and audits. */
    public LabTarget target() {
        return target;
    }

    /** How hard and how long each mode is driven. */
    public LoadOptions load() {
        return load;
    }

    /** Prints one progress line. */
    public void progress(String line) {
        progress.accept(line);
    }

    /** Every mode's load, tagged with a new tag of {@code scenario}'s, started. */
    public UnderLoad underLoad(Scenario scenario, List<String> modes) {
        return underLoad(scenario, nextTag(scenario), modes);
    }

    /** Every mode's load, tagged {@code <tag>-<mode>}, started. */
    public UnderLoad underLoad(Scenario scenario, String tag, List<String> modes) {
        return new UnderLoad(this, scenario, loads(tag, modes));
    }

    /**
     * Stops the loads, waits for the system to settle and audits each mode. {@code faultOver} is
     * when the fault ended; {@code null} for a run without one, whose recovery counts from the
     * load's end.
     */
    List<RunResult> finish(
            Scenario scenario,
            String faultPoint,
            boolean faultPointReached,
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
                        faultPointReached,
                        loads,
                        loadStart,
                        loadEnd,
                        faultOver == null ? loadEnd : faultOver,
                        note),
                settled);
    }

    /** One load per mode, tagged {@code <tag>-<mode>}, not yet started. */
    private Map<String, LifecycleLoad> loads(String tag, List<String> modes) {
        Map<String, LifecycleLoad> loads = new LinkedHashMap<>();
        for (String mode : modes) {
            loads.put(
                    mode,
                    new LifecycleLoad(target.baseUris(), mode, tag + "-" + mode, load, threads));
        }
        return loads;
    }

    /** Starts every load's clients. */
    static void start(Map<String, LifecycleLoad> loads) {
        loads.values().forEach(LifecycleLoad::start);
    }

    /** Stops every load's clients and waits for them. */
    private static void stop(Map<String, LifecycleLoad> loads) throws InterruptedException {
        for (LifecycleLoad l : loads.values()) {
            l.stop();
        }
    }

    private static List<RunRecord> records(
            Scenario scenario,
            String faultPoint,
            boolean faultPointReached,
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
                            faultPointReached,
                            l.tag(),
                            loadStart,
                            loadEnd,
                            faultOver,
                            l.ordersAttempted(),
                            l.requests(),
                            l.poisoned(),
                            note));
        }
        return records;
    }

    /** Waits, bounded, for the runs of {@code loads} to settle; reports how long it took. */
    private boolean settle(Scenario scenario, Map<String, LifecycleLoad> loads)
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
                            settleWindow,
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
    private List<RunResult> audit(List<RunRecord> records, boolean settled) throws SQLException {
        long heuristic = target.heuristics();
        Map<String, Set<String>> parked = target.deadLetters();
        List<String> keyViolations = target.effectKeyViolations();
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
                                settled,
                                target.baseUris().size() > 1,
                                keyViolations));
            }
        }
        return results;
    }

    private static boolean twoPhaseCommit(String mode) {
        return WriteMode.byName(mode).map(WriteMode::twoPhaseCommit).orElse(false);
    }

    /** Sleeps for {@code span}, printing a progress line every five seconds. */
    void watch(Scenario scenario, Map<String, LifecycleLoad> loads, Duration span)
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

    /** {@code share} of the load's duration. */
    public Duration fraction(double share) {
        return Duration.ofMillis((long) (load.duration().toMillis() * share));
    }

    /** A customer-id prefix no earlier run used: time-based, plus a counter. */
    public String nextTag(Scenario scenario) {
        return "lab"
                + Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
                + "-"
                + (++sequence)
                + "-"
                + scenario.id();
    }

    /** Seconds from {@code from} to {@code to}, one decimal. */
    public static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f", Duration.between(from, to).toMillis() / 1000.0);
    }
}
