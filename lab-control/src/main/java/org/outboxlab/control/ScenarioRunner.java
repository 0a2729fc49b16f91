package org.outboxlab.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.outboxlab.contract.CrashPoint;
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
 * write-side point, then the consumers' {@link #CONSUMER_CRASH_POINT}.
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
     * How long PostgreSQL stays down in {@code db-outage}: far past the broker's redelivery
     * attempts (about 3 s).
     */
    public static final Duration DATABASE_DOWN = Duration.ofSeconds(20);

    private final LabTopology lab;

    public ScenarioRunner(LabTopology lab, LoadOptions load, Consumer<String> progress) {
        super(lab, load, progress);
        this.lab = lab;
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
                DATABASE_DOWN,
                lab::startDatabase,
                "PostgreSQL down "
                        + DATABASE_DOWN.toSeconds()
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
