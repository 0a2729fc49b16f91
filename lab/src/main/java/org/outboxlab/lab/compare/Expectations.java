package org.outboxlab.lab.compare;

import java.util.ArrayList;
import java.util.List;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.contract.WriteMode.WhenBrokerDown;
import org.outboxlab.scenario.RunResult;
import org.outboxlab.scenario.Scenario;

/**
 * What the comparison is expected to show, checked against what it measured: OUTBOX and XA never
 * lose, invent, duplicate or reorder an effect; XA refuses writes while the broker is down and
 * OUTBOX accepts them; nothing but consumer-failure's poison ends in a dead-letter queue, in any
 * mode (a dead letter is an effect that did not happen); a database outage refuses writes with a
 * 503 in every mode (none would mean it never happened), and so does a node cut off from it; NAIVE
 * loses events when the JVM dies between commit and send; a consumer that dies between its database
 * commit and the acknowledgement gets the message again and its inbox absorbs it, in every mode; in
 * a cluster no relayed delivery comes from a node that had lost its lease; a fault-point row counts
 * only if the server logged reaching its point. Each check says whether the measurement agreed, so
 * a surprise is reported rather than hidden.
 */
final class Expectations {

    private Expectations() {}

    /** One line per check: {@code as expected: …} or {@code NOT as expected: …}. */
    static List<String> check(List<RunResult> runs) {
        List<String> lines = new ArrayList<>();
        for (RunResult r : runs) {
            String where = r.row() + " in " + r.scenario();
            WriteMode mode = modeOf(r);
            Scenario scenario = Scenario.byId(r.scenario()).orElse(null);
            if (r.faultPoint() != null) {
                lines.add(
                        verdict(
                                r.faultPointReached(),
                                where
                                        + " ("
                                        + r.faultPoint()
                                        + "): the server "
                                        + (r.faultPointReached() ? "logged" : "never logged")
                                        + " reaching its fault point before the JVM halted or froze, or the write was held"
                                        + " (expected: an exit, a stop or a wait alone proves nothing, a SIGKILL or a SIGSTOP looks the same)"));
            }
            if (mode.promisesExactlyOnceEffect()) {
                long anomalies = r.lost() + r.phantom() + r.duplicateEffects() + r.outOfOrder();
                lines.add(
                        verdict(
                                anomalies == 0,
                                where
                                        + ": lost "
                                        + r.lost()
                                        + ", phantom "
                                        + r.phantom()
                                        + ", duplicate effects "
                                        + r.duplicateEffects()
                                        + ", out of order "
                                        + r.outOfOrder()
                                        + " (expected all 0)"));
            }
            if (mode.leavesRowForRelay()) {
                lines.add(
                        verdict(
                                r.unpublished() == 0,
                                where
                                        + ": "
                                        + r.unpublished()
                                        + " outbox rows left PENDING or FAILED (expected 0)"));
            }
            if (r.stalePublishes() != null && mode.leavesRowForRelay()) {
                lines.add(
                        verdict(
                                r.stalePublishes() == 0,
                                where
                                        + ": deliveries sent under a lost lease "
                                        + r.stalePublishes()
                                        + " (expected 0: a node that lost its partitions publishes nothing of them)"));
            }
            if (r.effectKeyRollbacks() != null) {
                lines.add(
                        verdict(
                                r.effectKeyRollbacks() == 0,
                                where
                                        + ": second applies the effect tables' unique key refused "
                                        + r.effectKeyRollbacks()
                                        + " (expected 0: the inboxes absorb every repeat before it reaches an effect)"));
            }
            if (r.errors() > 0) {
                lines.add(
                        verdict(
                                false,
                                where
                                        + ": "
                                        + r.errors()
                                        + " answers neither a success nor a documented refusal (a 500, a 4xx, a refused connection)"));
            }
            if (r.heuristic() > 0) {
                lines.add(
                        verdict(
                                false,
                                where
                                        + ": "
                                        + r.heuristic()
                                        + " heuristic or still-prepared XA transactions (expected 0: recovery resolves every in-doubt one)"));
            }
            if (r.ackedButMissing() > 0) {
                lines.add(
                        verdict(
                                false,
                                where
                                        + ": "
                                        + r.ackedButMissing()
                                        + " acknowledged writes missing from the database"));
            }
            if (mode.losesWhenHaltedBetweenItsWrites()
                    && CrashPoint.betweenTheWritesOf(mode).id().equals(r.faultPoint())) {
                lines.add(
                        verdict(
                                r.lost() > 0,
                                where
                                        + ": lost "
                                        + r.lost()
                                        + " (expected > 0: the JVM halted between "
                                        + "the database commit and the send)"));
            }
            if (CrashPoint.CONSUMER_AFTER_DB_COMMIT.id().equals(r.faultPoint())) {
                lines.add(
                        verdict(
                                r.duplicateDeliveries() > 0 && r.duplicateEffects() == 0,
                                where
                                        + " ("
                                        + CrashPoint.CONSUMER_AFTER_DB_COMMIT.id()
                                        + "): duplicate deliveries absorbed "
                                        + r.duplicateDeliveries()
                                        + ", duplicate effects "
                                        + r.duplicateEffects()
                                        + " (expected > 0 and 0: the message whose "
                                        + "effect committed before the halt came again, unacknowledged, and the inbox absorbed it)"));
            }
            if (CrashPoint.CONSUMER_BATCH_AFTER_DB_COMMIT.id().equals(r.faultPoint())) {
                lines.add(
                        verdict(
                                r.duplicateDeliveries() >= 2 && r.duplicateEffects() == 0,
                                where
                                        + " ("
                                        + CrashPoint.CONSUMER_BATCH_AFTER_DB_COMMIT.id()
                                        + "): duplicate deliveries absorbed "
                                        + r.duplicateDeliveries()
                                        + ", duplicate effects "
                                        + r.duplicateEffects()
                                        + " (expected >= 2 and 0: every message of the batch whose "
                                        + "effects committed in one transaction before the halt came again, and the inbox absorbed them)"));
            }
            if (mode.losesWhenHaltedBetweenItsWrites() && scenario == Scenario.SERVER_KILL) {
                lines.add(
                        (r.lost() > 0 ? "as expected: " : "not observed this time: ")
                                + where
                                + ": lost "
                                + r.lost()
                                + " (a kill loses NAIVE events only if it lands between a commit and its send)");
            }
            if (mode.whenBrokerDown() == WhenBrokerDown.COMMITS_UNSENT
                    && scenario == Scenario.BROKER_OUTAGE) {
                lines.add(
                        verdict(
                                r.lost() > 0,
                                where
                                        + ": lost "
                                        + r.lost()
                                        + " (expected > 0: orders committed while the broker was down have no event)"));
            }
            if (mode.whenBrokerDown() == WhenBrokerDown.REFUSES
                    && scenario == Scenario.BROKER_OUTAGE) {
                lines.add(
                        verdict(
                                r.rejected() > 0,
                                where
                                        + ": rejected "
                                        + r.rejected()
                                        + " (expected > 0: no two-phase commit without the broker)"));
            }
            if (mode.whenBrokerDown() == WhenBrokerDown.ACCEPTS
                    && mode.promisesExactlyOnceEffect()
                    && scenario == Scenario.BROKER_OUTAGE) {
                lines.add(
                        verdict(
                                r.rejected() == 0 && r.lost() == 0,
                                where
                                        + ": rejected "
                                        + r.rejected()
                                        + ", lost "
                                        + r.lost()
                                        + " (expected 0 and 0: accepted during the outage, delivered after)"));
            }
            if (scenario == Scenario.DB_OUTAGE || scenario == Scenario.NODE_CUT_OFF) {
                lines.add(
                        verdict(
                                r.rejected() > 0,
                                where
                                        + ": rejected "
                                        + r.rejected()
                                        + (scenario == Scenario.DB_OUTAGE
                                                ? " (expected > 0: every mode answers 503 while the database is down; 0 means the outage never happened)"
                                                : " (expected > 0: node-2 answers 503 while it cannot reach the database; 0 means it was never cut off)")));
            }
            if (scenario == Scenario.DB_OUTAGE && mode.promisesExactlyOnceEffect()) {
                lines.add(
                        verdict(
                                r.recoverySeconds() != null,
                                where
                                        + ": recovery "
                                        + (r.recoverySeconds() == null
                                                ? "never"
                                                : r.recoverySeconds() + " s")
                                        + " (expected a time: everything committed before the kill applied after the restart)"));
            }
            if (scenario == Scenario.CONSUMER_FAILURE) {
                lines.add(
                        verdict(
                                r.deadLettered() == 1,
                                where
                                        + ": dead-lettered "
                                        + r.deadLettered()
                                        + " (expected 1: the poison order's event)"));
            } else if (scenario != null) {
                lines.add(
                        verdict(
                                r.deadLettered() == 0,
                                where
                                        + ": dead-lettered "
                                        + r.deadLettered()
                                        + (scenario == Scenario.DB_OUTAGE
                                                ? " (expected 0: deliveries wait for the database instead of spending their attempts)"
                                                : " (expected 0: no event of this scenario is meant to fail for good)")));
            }
            if (scenario == Scenario.REDELIVERY) {
                lines.add(
                        verdict(
                                r.duplicateDeliveries() > 0 && r.duplicateEffects() == 0,
                                where
                                        + ": duplicate deliveries absorbed "
                                        + r.duplicateDeliveries()
                                        + ", duplicate effects "
                                        + r.duplicateEffects()
                                        + " (expected > 0 and 0)"));
            }
            if (!r.quiesced()) {
                lines.add(
                        verdict(
                                false,
                                where
                                        + ": did not settle within the audit's wait; counts are as found"));
            }
        }
        return lines;
    }

    private static WriteMode modeOf(RunResult r) {
        return WriteMode.byName(r.mode())
                .orElseThrow(() -> new IllegalArgumentException("no write mode " + r.mode()));
    }

    private static String verdict(boolean ok, String text) {
        return (ok ? "as expected: " : "NOT as expected: ") + text;
    }
}
