package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.scenario.ScenarioSteps;
import org.outboxlab.scenario.UnderLoad;

/**
 * {@code db-outage}: PostgreSQL is killed (SIGKILL, every process of it) for {@code down} while
 * every mode writes, then restarted through crash recovery; deliveries must wait for it rather than
 * spend their attempts. With XA among the modes the kill lands under an XA write held between its
 * phases ({@link PhaseTwoHold}: prepared in PostgreSQL and the broker, nothing committed), and the
 * run fails unless PostgreSQL's commit log shows that transaction committed after the restart: only
 * Narayana's recovery can finish it.
 */
final class DatabaseOutageRun extends TopologyRun {

    private static final Duration REACH_WAIT = Duration.ofSeconds(30);

    /** Recovery's period is 10 s (transactions.cli), its backoff 2 s; two passes and a margin. */
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);

    private final Duration down;

    DatabaseOutageRun(LabTopology lab, Duration down) {
        super(Scenario.DB_OUTAGE, lab);
        this.down = down;
    }

    @Override
    public List<RunResult> run(ScenarioSteps steps, List<String> modes)
            throws InterruptedException, SQLException {
        ProcessOutage outage =
                new ProcessOutage("PostgreSQL", lab::killDatabase, down, lab::startDatabase);
        String note =
                "PostgreSQL down "
                        + down.toSeconds()
                        + " s (SIGKILL, then crash recovery on restart)";
        if (!modes.contains(WriteMode.XA.name())) {
            return outage.run(steps, scenario(), modes, note);
        }
        UnderLoad load = steps.underLoad(scenario(), modes);
        load.runForShare(0.25);
        PhaseTwoHold hold = new PhaseTwoHold(lab::database);
        PhaseTwoHold.Held held = hold(hold, load);
        if (held == null) {
            String missed =
                    note
                            + "; no XA write reached "
                            + PhaseTwoHold.ID
                            + " within "
                            + REACH_WAIT.toSeconds()
                            + " s, so none was prepared at the kill";
            Instant faultOver = outage.killAndRestart(steps, load, () -> {});
            return load.finish(PhaseTwoHold.ID, false, faultOver, missed);
        }
        held.requireKilledWithinHold(Instant.now());
        boolean[] stillPrepared = {false};
        Instant faultOver =
                outage.killAndRestart(
                        steps, load, () -> stillPrepared[0] = undecided(hold, held, load));
        Instant committed = awaitCommitted(hold, held);
        String said =
                note
                        + "; an XA write held before its phase 2 had PostgreSQL transaction "
                        + String.join(", ", held.prepared().keySet())
                        + " prepared at the kill, "
                        + (stillPrepared[0] ? "still prepared when PostgreSQL was back, " : "")
                        + "committed by Narayana's recovery "
                        + ScenarioSteps.seconds(faultOver, committed)
                        + " s after PostgreSQL was back";
        load.say(said);
        return load.finish(PhaseTwoHold.ID, true, faultOver, said);
    }

    private PhaseTwoHold.Held hold(PhaseTwoHold hold, UnderLoad load) throws InterruptedException {
        load.say("node-1 armed to hold its next XA write before phase 2");
        try {
            PhaseTwoHold.Held held = hold.hold(lab.node(1), REACH_WAIT);
            if (held != null) {
                load.say(
                        "an XA write held prepared: PostgreSQL transaction "
                                + String.join(", ", held.prepared().keySet()));
            }
            return held;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(PhaseTwoHold.ID + ": " + e.getMessage(), e);
        }
    }

    /** Whether PostgreSQL, just restarted, still holds {@code held} prepared and undecided. */
    private static boolean undecided(PhaseTwoHold hold, PhaseTwoHold.Held held, UnderLoad load) {
        try {
            boolean undecided = hold.undecided(held);
            load.say(
                    "PostgreSQL back: transaction "
                            + String.join(", ", held.prepared().keySet())
                            + (undecided ? " still prepared" : " already committed"));
            return undecided;
        } catch (Exception e) {
            throw new IllegalStateException(PhaseTwoHold.ID + ": " + e.getMessage(), e);
        }
    }

    private static Instant awaitCommitted(PhaseTwoHold hold, PhaseTwoHold.Held held)
            throws InterruptedException {
        try {
            return hold.awaitCommitted(held, RECOVERY_WAIT);
        } catch (InterruptedException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(PhaseTwoHold.ID + ": " + e.getMessage(), e);
        }
    }
}
