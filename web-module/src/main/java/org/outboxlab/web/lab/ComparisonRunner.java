package org.outboxlab.web.lab;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.outboxlab.faults.Faults;
import org.outboxlab.ops.DeadLetterQueues;
import org.outboxlab.scenario.ReportJson;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ServerUpScenarios;

/**
 * Runs at most one comparison at a time inside this server, on the container's managed executor
 * (its load's clients on managed threads), and writes its {@code report.json} to {@code <results
 * dir>/<yyyyMMdd'T'HHmmss'Z'>-console/} (complete or not at all). A start while a run is going,
 * without a results directory, or with a fault scenario on a server without fault injection is
 * refused before anything runs. Keeps the latest run's state and its last {@value #MAX_LINES}
 * progress lines.
 */
@ApplicationScoped
public class ComparisonRunner {

    static final int MAX_LINES = 200;
    private static final Logger LOG = Logger.getLogger(ComparisonRunner.class.getName());
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Resource(lookup = "java:jboss/datasources/OutboxDS")
    DataSource dataSource;

    @Inject Faults faults;

    @Inject DeadLetterQueues deadLetters;

    private final Deque<String> lines = new ArrayDeque<>();
    private ComparisonProgress progress = ComparisonProgress.IDLE;

    /** Whether this server accepts fault plans, so the fault scenarios can run. */
    public boolean faultsEnabled() {
        return faults.enabled();
    }

    /**
     * Starts {@code request} against this server's API at {@code baseUri}; returns the directory
     * its report will be written to.
     *
     * @throws ComparisonRefusedException if a comparison is running, no results directory is set,
     *     or the request needs fault injection and this server has none
     */
    public synchronized Path start(ComparisonRequest request, URI baseUri, String user) {
        if (progress.running()) {
            throw new ComparisonRefusedException(
                    "A comparison is already running (started by "
                            + progress.startedBy()
                            + " at "
                            + progress.startedAt()
                            + "): wait for it to finish.");
        }
        Path results =
                ResultsDirectory.configured()
                        .orElseThrow(
                                () ->
                                        new ComparisonRefusedException(
                                                "No results directory is set: start WildFly with -D"
                                                        + ResultsDirectory.PROPERTY
                                                        + "=/path/to/lab-results to run comparisons from the console."));
        if (request.needsFaults() && !faults.enabled()) {
            throw new ComparisonRefusedException(
                    "consumer-failure and redelivery arm faults, and this server runs without "
                            + "-Doutbox.faults.enabled=true: choose baseline only.");
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path dir = results.resolve(STAMP.format(started) + "-console");
        lines.clear();
        progress =
                new ComparisonProgress(
                        ComparisonProgress.State.RUNNING,
                        user,
                        started,
                        null,
                        String.join("/", request.modes())
                                + " × "
                                + request.scenarioIds()
                                + ", "
                                + request.loadText(),
                        dir.getFileName().toString(),
                        List.of(),
                        null);
        note("started by " + user + ": " + request.options() + " against " + baseUri);
        LOG.info(
                () ->
                        "console lab: "
                                + user
                                + " started a comparison "
                                + request.options()
                                + ", report in "
                                + dir);
        ServerLabTarget target = new ServerLabTarget(baseUri, dataSource, faults, deadLetters);
        try {
            executor.submit(() -> run(request, target, user, started, dir));
        } catch (RuntimeException e) {
            end(ComparisonProgress.State.FAILED, "cannot start: " + e);
            throw new IllegalStateException(
                    "The server could not start the comparison: " + e.getMessage(), e);
        }
        return dir;
    }

    /** The latest run's state and progress lines, as of now. */
    public synchronized ComparisonProgress progress() {
        return new ComparisonProgress(
                progress.state(),
                progress.startedBy(),
                progress.startedAt(),
                progress.endedAt(),
                progress.request(),
                progress.report(),
                List.copyOf(lines),
                progress.error());
    }

    private void run(
            ComparisonRequest request,
            ServerLabTarget target,
            String user,
            Instant started,
            Path dir) {
        try {
            ServerUpScenarios scenarios =
                    new ServerUpScenarios(target, request.load(), this::note, threads);
            List<RunResult> runs = new ArrayList<>();
            for (Scenario scenario : request.scenarios()) {
                note(
                        scenario.id()
                                + ": "
                                + String.join("/", request.modes())
                                + " under load for "
                                + request.load().duration().toSeconds()
                                + " s");
                for (RunResult run : scenarios.run(scenario, request.modes())) {
                    note(
                            run.mode()
                                    + " "
                                    + run.scenario()
                                    + ": committed "
                                    + run.committed()
                                    + ", lost "
                                    + run.lost()
                                    + ", phantom "
                                    + run.phantom()
                                    + ", duplicate effects "
                                    + run.duplicateEffects()
                                    + ", dead-lettered "
                                    + run.deadLettered()
                                    + (run.quiesced() ? "" : " (NOT settled)"));
                    runs.add(run);
                }
            }
            Instant finished = Instant.now();
            write(
                    dir,
                    ReportJson.of(
                            finished,
                            environment(request, target, user, Duration.between(started, finished)),
                            "admin console: Start on the Lab page (POST /outbox/console/lab.xhtml) by "
                                    + user
                                    + ", "
                                    + request.options(),
                            runs));
            note("report written to " + dir.resolve("report.json"));
            end(ComparisonProgress.State.FINISHED, null);
            LOG.info(
                    () -> "console lab: comparison finished, report " + dir.resolve("report.json"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (SQLException | IOException | RuntimeException e) {
            fail(e);
        }
    }

    private Map<String, String> environment(
            ComparisonRequest request, ServerLabTarget target, String user, Duration took) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ran", "inside this WildFly, started from the admin console");
        env.put("started by", user);
        env.put("server", target.baseUri().toString());
        env.put("modes", String.join(", ", request.modes()));
        env.put("scenarios", request.scenarioIds());
        env.put("load", request.loadText());
        env.put("database", database());
        env.put("fault injection", faults.enabled() ? "enabled" : "disabled");
        env.put(
                "heuristics",
                "not read in-server (the transaction log is not probed): reported as 0, "
                        + "plus for XA the transactions still prepared in the database");
        env.put(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("took", took.toSeconds() + " s");
        return env;
    }

    private String database() {
        try (Connection db = dataSource.getConnection()) {
            DatabaseMetaData meta = db.getMetaData();
            return meta.getDatabaseProductName()
                    + " "
                    + meta.getDatabaseProductVersion()
                    + " (java:jboss/datasources/OutboxDS)";
        } catch (SQLException e) {
            return "java:jboss/datasources/OutboxDS (" + e.getMessage() + ")";
        }
    }

    /** Writes the report whole or not at all: a reader never sees half a file. */
    private static void write(Path dir, String json) throws IOException {
        Files.createDirectories(dir);
        Path partial = dir.resolve("report.json.partial");
        Files.writeString(partial, json);
        Files.move(
                partial,
                dir.resolve("report.json"),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void fail(Exception e) {
        LOG.log(Level.WARNING, "console lab: comparison failed", e);
        String error =
                e.getMessage() == null
                        ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
        note("failed: " + error);
        end(ComparisonProgress.State.FAILED, error);
    }

    private synchronized void note(String line) {
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
        }
        lines.addLast(CLOCK.format(Instant.now()) + "  " + line);
    }

    private synchronized void end(ComparisonProgress.State state, String error) {
        progress =
                new ComparisonProgress(
                        state,
                        progress.startedBy(),
                        progress.startedAt(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        progress.request(),
                        progress.report(),
                        List.of(),
                        error);
    }
}
