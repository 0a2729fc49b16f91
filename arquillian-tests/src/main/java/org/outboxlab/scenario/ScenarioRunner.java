package org.outboxlab.scenario;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outboxlab.testsupport.FaultControl;

/**
 * Runs scenarios against a {@link LabTopology}: drives every selected write mode at once through the
 * same fault (one mode at a time for {@code crash-point}, whose point belongs to one mode), waits for
 * the system to settle, and audits each mode. Reports progress as lines of text.
 */
public final class ScenarioRunner {

    /** The crash point of each write mode. */
    public static final Map<String, String> CRASH_POINTS = Map.of(
            "NAIVE", "naive-after-db-commit",
            "OUTBOX", "outbox-after-broker-commit",
            "XA", "xa-after-prepare");

    private static final Duration SETTLE_WINDOW = Duration.ofSeconds(15);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(180);
    private static final Duration HALT_WAIT = Duration.ofSeconds(30);
    private static final String BROKER_USER = "outbox";
    private static final String BROKER_PASSWORD = "outbox";
    private static final Pattern HEURISTIC = Pattern.compile("\"status\" => \"HEURISTIC");

    private final LabTopology lab;
    private final LoadOptions load;
    private final Consumer<String> progress;
    private int sequence;

    public ScenarioRunner(LabTopology lab, LoadOptions load, Consumer<String> progress) {
        this.lab = lab;
        this.load = load;
        this.progress = progress;
    }

    /** Runs {@code scenario} for {@code modes} and returns one audited result per mode. */
    public List<RunResult> run(Scenario scenario, List<String> modes) throws IOException, InterruptedException, SQLException {
        if (scenario == Scenario.CRASH_POINT) {
            List<RunResult> results = new ArrayList<>();
            for (String mode : modes) {
                results.addAll(crashPoint(mode));
            }
            return results;
        }
        String tag = nextTag(scenario);
        Map<String, LifecycleLoad> loads = loads(tag, modes);
        FaultControl faults = new FaultControl(lab.baseUri());
        Instant loadStart = Instant.now();
        String note = null;
        Instant faultOver;
        switch (scenario) {
            case BASELINE -> {
                start(loads);
                watch(scenario, loads, load.duration());
                faultOver = Instant.now();
            }
            case BROKER_OUTAGE -> {
                start(loads);
                watch(scenario, loads, fraction(0.25));
                lab.killBroker();
                progress.accept(scenario.id() + ": broker killed (SIGKILL)");
                watch(scenario, loads, fraction(0.35).compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : fraction(0.35));
                lab.startBroker();
                faultOver = Instant.now();
                progress.accept(scenario.id() + ": broker restarted after " + seconds(loadStart, faultOver) + " s of load");
                watch(scenario, loads, fraction(0.40));
            }
            case SERVER_KILL -> {
                start(loads);
                watch(scenario, loads, fraction(0.30));
                lab.killServer();
                Instant killed = Instant.now();
                progress.accept(scenario.id() + ": WildFly killed (SIGKILL), restarting");
                lab.startServer();
                faultOver = Instant.now();
                note = "WildFly down " + seconds(killed, faultOver) + " s (kill to serving again)";
                progress.accept(scenario.id() + ": WildFly serving again, " + note);
                watch(scenario, loads, fraction(0.70));
            }
            case CONSUMER_FAILURE -> {
                faults.replace("{\"transientFailureEvery\":7,\"poisonCustomerSuffix\":\"-poison\"}");
                start(loads);
                loads.values().forEach(l -> l.placeOne("poison"));
                watch(scenario, loads, load.duration());
                note = "one poison order per mode; consumers fail the first delivery of 1 event in 7";
                faultOver = Instant.now();
            }
            case REDELIVERY -> {
                faults.replace("{\"duplicatePublishEvery\":5,\"rollbackAfterEffectEvery\":6}");
                start(loads);
                watch(scenario, loads, load.duration());
                note = "1 event in 5 published twice past the broker's duplicate detection; "
                        + "consumers roll back 1 event in 6 after staging its effect";
                faultOver = Instant.now();
            }
            default -> throw new IllegalArgumentException(scenario.id());
        }
        for (LifecycleLoad l : loads.values()) {
            l.stop();
        }
        Instant loadEnd = Instant.now();
        // consumer faults stay armed until the redeliveries are done: the poison must reach its DLQ
        boolean settled = settle(scenario, new ArrayList<>(loads.keySet()), tagsOf(loads));
        if (scenario == Scenario.CONSUMER_FAILURE || scenario == Scenario.REDELIVERY) {
            faults.clear();
        }
        List<RunRecord> records = new ArrayList<>();
        for (LifecycleLoad l : loads.values()) {
            records.add(new RunRecord(l.mode(), scenario.id(), null, l.tag(), loadStart, loadEnd, faultOver,
                    l.ordersAttempted(), l.requests(), note));
        }
        return audit(records, settled);
    }

    private List<RunResult> crashPoint(String mode) throws IOException, InterruptedException, SQLException {
        Scenario scenario = Scenario.CRASH_POINT;
        String point = CRASH_POINTS.get(mode);
        String tag = nextTag(scenario);
        Map<String, LifecycleLoad> loads = loads(tag, List.of(mode));
        new FaultControl(lab.baseUri()).armCrash(point);
        Instant loadStart = Instant.now();
        start(loads);
        progress.accept(scenario.id() + ": " + mode + " armed at " + point + ", waiting for the halt");
        boolean halted = lab.server().awaitExit(HALT_WAIT);
        String note;
        Instant faultOver;
        if (halted) {
            Instant down = Instant.now();
            progress.accept(scenario.id() + ": JVM halted at " + point + " (exit " + lab.server().exitValue() + "), restarting");
            lab.startServer();
            faultOver = Instant.now();
            note = "JVM halted at " + point + "; WildFly back after " + seconds(down, faultOver) + " s";
        } else {
            new FaultControl(lab.baseUri()).clear();
            faultOver = Instant.now();
            note = "fault point " + point + " not reached within " + HALT_WAIT.toSeconds() + " s: no crash happened";
        }
        progress.accept(scenario.id() + ": " + note);
        watch(scenario, loads, fraction(0.5));
        loads.get(mode).stop();
        Instant loadEnd = Instant.now();
        boolean settled = settle(scenario, List.of(mode), List.of(loads.get(mode).tag()));
        LifecycleLoad l = loads.get(mode);
        return audit(List.of(new RunRecord(mode, scenario.id(), point, l.tag(), loadStart, loadEnd, faultOver,
                l.ordersAttempted(), l.requests(), note)), settled);
    }

    private List<RunResult> audit(List<RunRecord> records, boolean settled) throws SQLException {
        long heuristic = heuristics();
        Map<String, Set<String>> parked = DeadLetters.browse(lab.brokerUrl(), BROKER_USER, BROKER_PASSWORD);
        List<RunResult> results = new ArrayList<>();
        try (Connection db = lab.database()) {
            Audit audit = new Audit(db);
            long prepared = preparedTransactions(db);
            for (RunRecord record : records) {
                results.add(audit.audit(record, parked, "XA".equals(record.mode()) ? heuristic + prepared : 0, settled));
            }
        }
        return results;
    }

    /**
     * Participants in a heuristic state in Narayana's log store (read through the management
     * model after a probe). Only XA writes run two-phase commits on the write side, so the count is
     * charged to the XA run of a scenario.
     */
    private long heuristics() {
        lab.cli("/subsystem=transactions/log-store=log-store:probe()");
        String out = lab.cli("/subsystem=transactions/log-store=log-store:read-children-resources("
                + "child-type=transactions,recursive=true)");
        Matcher m = HEURISTIC.matcher(out);
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private static long preparedTransactions(Connection db) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select count(*) from pg_prepared_xacts");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean settle(Scenario scenario, List<String> modes, List<String> tags) throws SQLException, InterruptedException {
        progress.accept(scenario.id() + ": load stopped, waiting for " + String.join("/", modes) + " to settle");
        Instant from = Instant.now();
        boolean settled;
        try (Connection db = lab.database()) {
            settled = Settling.await(db, tags, SETTLE_WINDOW, SETTLE_LIMIT);
        }
        progress.accept(scenario.id() + ": " + (settled ? "settled" : "NOT settled") + " after " + seconds(from, Instant.now()) + " s");
        return settled;
    }

    private Map<String, LifecycleLoad> loads(String tag, List<String> modes) {
        Map<String, LifecycleLoad> loads = new LinkedHashMap<>();
        for (String mode : modes) {
            loads.put(mode, new LifecycleLoad(lab.baseUri(), mode, tag + "-" + mode, load));
        }
        return loads;
    }

    private static void start(Map<String, LifecycleLoad> loads) {
        loads.values().forEach(LifecycleLoad::start);
    }

    private static List<String> tagsOf(Map<String, LifecycleLoad> loads) {
        return loads.values().stream().map(LifecycleLoad::tag).toList();
    }

    /** Sleeps for {@code span}, printing a progress line every five seconds. */
    private void watch(Scenario scenario, Map<String, LifecycleLoad> loads, Duration span) throws InterruptedException {
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
                line.append(' ').append(l.mode()).append(' ').append(ok).append('/').append(requests.size()).append(" ok");
            }
            progress.accept(line.toString());
        }
    }

    private Duration fraction(double share) {
        return Duration.ofMillis((long) (load.duration().toMillis() * share));
    }

    private String nextTag(Scenario scenario) {
        return "lab" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + "-" + (++sequence) + "-" + scenario.id();
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(java.util.Locale.ROOT, "%.1f", Duration.between(from, to).toMillis() / 1000.0);
    }
}
