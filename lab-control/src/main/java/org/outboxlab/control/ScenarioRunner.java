package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.Partitions;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.LifecycleLoad;
import org.outboxlab.scenario.LoadOptions;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ServerUpScenarios;

/**
 * Runs every scenario against a {@link LabTopology}: those a running server can take through {@link
 * ServerUpScenarios}, and the ones that kill a process here: {@code broker-outage}, {@code
 * db-outage} and {@code server-kill} drive every selected mode at once through the same fault,
 * {@code crash-point} one mode at a time, since its point belongs to one mode: each mode's
 * write-side point, then the consumers' {@link #CONSUMER_CRASH_POINT}. With two or more nodes,
 * {@code node-kill} and {@code node-pause} fail node 2 while the load goes to node 1, and report
 * how long node 1 took to own node 2's relay partitions.
 */
public final class ScenarioRunner extends ServerUpScenarios {

    /** The crash point of each write mode's write side. */
    public static final Map<String, String> CRASH_POINTS =
            WriteMode.COMPARED.stream()
                    .collect(
                            Collectors.toUnmodifiableMap(
                                    WriteMode::name,
                                    mode -> CrashPoint.betweenTheWritesOf(mode).id()));

    /**
     * The consumers' crash point, run for every mode: effect committed, message not yet
     * acknowledged.
     */
    public static final String CONSUMER_CRASH_POINT = CrashPoint.CONSUMER_AFTER_DB_COMMIT.id();

    private static final Duration HALT_WAIT = Duration.ofSeconds(30);

    /**
     * How long PostgreSQL stays down in {@code db-outage} by default: far past the broker's
     * redelivery attempts (about 3 s).
     */
    public static final Duration DATABASE_DOWN = Duration.ofSeconds(20);

    private final Duration databaseDown;

    /**
     * Longest wait for a takeover before the scenario fails: far past two leases (a node frozen
     * inside a relay batch holds its partitions until PostgreSQL ends that idle transaction, a
     * lease later) with the default lease of 10 s.
     */
    private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(150);

    private final LabTopology lab;

    private Duration lastTakeover;

    public ScenarioRunner(LabTopology lab, LoadOptions load, Consumer<String> progress) {
        this(lab, load, progress, DATABASE_DOWN);
    }

    /** As above, with PostgreSQL down {@code databaseDown} in {@code db-outage}. */
    public ScenarioRunner(
            LabTopology lab, LoadOptions load, Consumer<String> progress, Duration databaseDown) {
        super(lab, load, progress);
        this.lab = lab;
        this.databaseDown = databaseDown;
    }

    /**
     * How long the last {@code node-kill} or {@code node-pause} took until node 1 owned every
     * partition, or the last {@code broker-failover} until the backup served; null before one ran.
     */
    public Duration lastTakeover() {
        return lastTakeover;
    }

    /** Runs {@code scenario} for {@code modes} and returns one audited result per mode. */
    @Override
    public List<RunResult> run(Scenario scenario, List<String> modes)
            throws InterruptedException, SQLException {
        try {
            return switch (scenario) {
                case BROKER_OUTAGE -> brokerOutage(modes);
                case DB_OUTAGE -> databaseOutage(modes);
                case SERVER_KILL -> serverKill(modes);
                case NODE_KILL -> nodeKill(modes);
                case NODE_PAUSE -> nodePause(modes);
                case BROKER_FAILOVER -> brokerFailover(modes);
                case CRASH_POINT -> {
                    List<RunResult> results = new ArrayList<>();
                    for (String mode : modes) {
                        results.addAll(crashPoint(mode, CRASH_POINTS.get(mode)));
                        results.addAll(crashPoint(mode, CONSUMER_CRASH_POINT));
                    }
                    yield results;
                }
                default -> super.run(scenario, modes);
            };
        } catch (IOException e) {
            throw new IllegalStateException(scenario.id() + ": " + e.getMessage(), e);
        }
    }

    private List<RunResult> brokerOutage(List<String> modes)
            throws InterruptedException, SQLException {
        Duration down = fraction(0.35);
        return outage(
                Scenario.BROKER_OUTAGE,
                modes,
                "broker",
                lab::killBroker,
                down.compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : down,
                lab::startBroker,
                null);
    }

    private List<RunResult> databaseOutage(List<String> modes)
            throws InterruptedException, SQLException {
        return outage(
                Scenario.DB_OUTAGE,
                modes,
                "PostgreSQL",
                lab::killDatabase,
                databaseDown,
                lab::startDatabase,
                "PostgreSQL down "
                        + databaseDown.toSeconds()
                        + " s (SIGKILL, then crash recovery on restart)");
    }

    /**
     * Every mode's load; after 25 % of it {@code kill}, {@code down} later {@code restart}, then 40
     * % more load (at least 5 s).
     */
    private List<RunResult> outage(
            Scenario scenario,
            List<String> modes,
            String what,
            Runnable kill,
            Duration down,
            Runnable restart,
            String note)
            throws InterruptedException, SQLException {
        Map<String, LifecycleLoad> loads = loads(nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        start(loads);
        watch(scenario, loads, fraction(0.25));
        kill.run();
        progress.accept(
                scenario.id()
                        + ": "
                        + what
                        + " killed (SIGKILL), restarting in "
                        + down.toSeconds()
                        + " s");
        watch(scenario, loads, down);
        restart.run();
        Instant faultOver = Instant.now();
        progress.accept(
                scenario.id()
                        + ": "
                        + what
                        + " restarted after "
                        + seconds(loadStart, faultOver)
                        + " s of load");
        Duration after = fraction(0.40);
        watch(
                scenario,
                loads,
                after.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : after);
        return finish(scenario, null, loads, loadStart, faultOver, note);
    }

    private List<RunResult> serverKill(List<String> modes)
            throws IOException, InterruptedException, SQLException {
        Scenario scenario = Scenario.SERVER_KILL;
        Map<String, LifecycleLoad> loads = loads(nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        start(loads);
        watch(scenario, loads, fraction(0.30));
        lab.killServer();
        Instant killed = Instant.now();
        progress.accept(scenario.id() + ": WildFly killed (SIGKILL), restarting");
        lab.startServer();
        Instant faultOver = Instant.now();
        String note = "WildFly down " + seconds(killed, faultOver) + " s (kill to serving again)";
        progress.accept(scenario.id() + ": WildFly serving again, " + note);
        watch(scenario, loads, fraction(0.70));
        return finish(scenario, null, loads, loadStart, faultOver, note);
    }

    /**
     * Kills node 2 after 30 % of the load; node 1 takes its partitions over (timed); node 2 starts
     * again and takes its share back; the load runs on.
     */
    private List<RunResult> nodeKill(List<String> modes)
            throws IOException, InterruptedException, SQLException {
        Scenario scenario = Scenario.NODE_KILL;
        Map<String, LifecycleLoad> loads = loads(nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        start(loads);
        watch(scenario, loads, fraction(0.30));
        lab.node(2).kill();
        Instant killed = Instant.now();
        progress.accept(scenario.id() + ": node-2 killed (SIGKILL)");
        Duration takeover = awaitOwners(Set.of("node-1"), TAKEOVER_WAIT);
        lastTakeover = takeover;
        progress.accept(
                scenario.id() + ": node-1 owns every partition after " + millis(takeover) + " s");
        lab.startNode(2);
        Instant faultOver = Instant.now();
        Duration rebalance = awaitOwners(Set.of("node-1", "node-2"), TAKEOVER_WAIT);
        String note =
                "node-2 killed (SIGKILL): node-1 owned its partitions after "
                        + millis(takeover)
                        + " s; node-2 back after "
                        + seconds(killed, faultOver)
                        + " s, relaying its share "
                        + millis(rebalance)
                        + " s later";
        progress.accept(scenario.id() + ": " + note);
        watch(scenario, loads, fraction(0.50));
        return finish(scenario, null, loads, loadStart, faultOver, note);
    }

    /**
     * Freezes node 2 (SIGSTOP) after 30 % of the load until node 1 owns its partitions and at least
     * 30 % more load went by, then lets it run (SIGCONT); counts what node 2 published while
     * another node held the lease (must be 0).
     */
    private List<RunResult> nodePause(List<String> modes)
            throws InterruptedException, SQLException {
        Scenario scenario = Scenario.NODE_PAUSE;
        Map<String, LifecycleLoad> loads = loads(nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        start(loads);
        watch(scenario, loads, fraction(0.30));
        lab.node(2).pause();
        Instant paused = Instant.now();
        progress.accept(scenario.id() + ": node-2 frozen (SIGSTOP)");
        Duration takeover = awaitOwners(Set.of("node-1"), TAKEOVER_WAIT);
        lastTakeover = takeover;
        progress.accept(
                scenario.id() + ": node-1 owns every partition after " + millis(takeover) + " s");
        Duration frozen = Duration.between(paused, Instant.now());
        if (frozen.compareTo(fraction(0.30)) < 0) {
            watch(scenario, loads, fraction(0.30).minus(frozen));
        }
        lab.node(2).resume();
        Instant faultOver = Instant.now();
        Duration rebalance = awaitOwners(Set.of("node-1", "node-2"), TAKEOVER_WAIT);
        watch(scenario, loads, fraction(0.40));
        long stale = lab.publishedWithoutLease("node-2", paused);
        String note =
                "node-2 frozen (SIGSTOP) "
                        + seconds(paused, faultOver)
                        + " s: node-1 owned its partitions after "
                        + millis(takeover)
                        + " s; node-2 relaying its share again "
                        + millis(rebalance)
                        + " s after SIGCONT; events node-2 published under a lease it had lost: "
                        + stale;
        progress.accept(scenario.id() + ": " + note);
        if (stale > 0) {
            throw new IllegalStateException(
                    scenario.id() + ": node-2 published " + stale + " events without the lease");
        }
        return finish(scenario, null, loads, loadStart, faultOver, note);
    }

    /**
     * Kills the broker pair's primary after 30 % of the load; the backup takes over (timed) and the
     * load runs on against it; after the audit the primary starts again and takes the journal back,
     * so the next scenario has the pair whole.
     */
    private List<RunResult> brokerFailover(List<String> modes)
            throws InterruptedException, SQLException {
        Scenario scenario = Scenario.BROKER_FAILOVER;
        Map<String, LifecycleLoad> loads = loads(nextTag(scenario), modes);
        Instant loadStart = Instant.now();
        start(loads);
        watch(scenario, loads, fraction(0.30));
        long killed = System.nanoTime();
        lab.killBroker();
        progress.accept(scenario.id() + ": primary broker killed (SIGKILL)");
        lab.awaitBackupLive(TAKEOVER_WAIT);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        lastTakeover = takeover;
        Instant faultOver = Instant.now();
        String note =
                "primary broker killed (SIGKILL): the backup served on the same journal "
                        + millis(takeover)
                        + " s after the kill";
        progress.accept(scenario.id() + ": " + note);
        watch(scenario, loads, fraction(0.60));
        List<RunResult> results = finish(scenario, null, loads, loadStart, faultOver, note);
        lab.startBroker();
        progress.accept(scenario.id() + ": primary broker back, the backup waits again");
        return results;
    }

    /**
     * Waits until exactly {@code owners} hold all partitions between them; returns how long it
     * took.
     */
    private Duration awaitOwners(Set<String> owners, Duration timeout)
            throws InterruptedException, SQLException {
        long started = System.nanoTime();
        while (true) {
            Map<String, Integer> held = lab.partitionsByOwner();
            if (held.keySet().equals(owners)
                    && held.values().stream().mapToInt(Integer::intValue).sum()
                            == Partitions.COUNT) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() - started > timeout.toNanos()) {
                throw new IllegalStateException(
                        "the partitions were not owned by "
                                + owners
                                + " within "
                                + timeout.toSeconds()
                                + " s: "
                                + held);
            }
            Thread.sleep(100);
        }
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private List<RunResult> crashPoint(String mode, String point)
            throws IOException, InterruptedException, SQLException {
        Scenario scenario = Scenario.CRASH_POINT;
        Map<String, LifecycleLoad> loads = loads(nextTag(scenario), List.of(mode));
        lab.faults("{\"crashPoint\":\"" + point + "\"}");
        Instant loadStart = Instant.now();
        start(loads);
        progress.accept(
                scenario.id() + ": " + mode + " armed at " + point + ", waiting for the halt");
        boolean halted = lab.server().awaitExit(HALT_WAIT);
        String note;
        Instant faultOver;
        if (halted) {
            Instant down = Instant.now();
            progress.accept(
                    scenario.id()
                            + ": JVM halted at "
                            + point
                            + " (exit "
                            + lab.server().exitValue()
                            + "), restarting");
            lab.startServer();
            faultOver = Instant.now();
            note =
                    "JVM halted at "
                            + point
                            + "; WildFly back after "
                            + seconds(down, faultOver)
                            + " s";
        } else {
            lab.faults(null);
            faultOver = Instant.now();
            note =
                    "fault point "
                            + point
                            + " not reached within "
                            + HALT_WAIT.toSeconds()
                            + " s: no crash happened";
        }
        progress.accept(scenario.id() + ": " + note);
        watch(scenario, loads, fraction(0.5));
        return finish(scenario, point, loads, loadStart, faultOver, note);
    }
}
