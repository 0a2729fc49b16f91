package org.outboxlab.scenario;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.Set;
import org.outboxlab.contract.ProblemType;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.contract.WriteMode.WhenBrokerDown;

/**
 * What the order API's answer to one write tells its client: whether the write committed, was
 * refused with nothing written (a 503 of a documented refusal type: database or broker unavailable,
 * a consumer's queue missing), or (a mode that commits unsent while the broker is down) committed
 * without its event (type committed-but-unsent, member {@code "committed": true}); anything else is
 * an error. And the order's id, if the answer carries one.
 */
final class WriteAnswer {

    /** The problem member that says the refused write committed all the same. */
    private static final String COMMITTED = "committed";

    /** The 503s a write answers having written nothing, as the API documents them. */
    private static final Set<ProblemType> REFUSALS =
            EnumSet.of(
                    ProblemType.DATABASE_UNAVAILABLE,
                    ProblemType.BROKER_UNAVAILABLE,
                    ProblemType.ROUTE_MISSING);

    private WriteAnswer() {}

    /** The outcome of a write in {@code mode} answered with {@code status} and {@code body}. */
    static Outcome outcome(String mode, int status, String body) {
        if (status / 100 == 2) {
            return Outcome.ACCEPTED;
        }
        JsonObject problem = problem(body);
        if (problem == null) {
            return status == 503 || status == 404 ? Outcome.UNAVAILABLE : Outcome.ERROR;
        }
        if (status != 503) {
            return Outcome.ERROR;
        }
        ProblemType type = ProblemType.byUri(problem.getString("type", "")).orElse(null);
        boolean committed = problem.get(COMMITTED) == JsonValue.TRUE;
        if (type == ProblemType.COMMIT_OUTCOME_UNKNOWN && !committed) {
            return Outcome.INDETERMINATE; // the audit finds out whether it committed
        }
        if (type == ProblemType.COMMITTED_BUT_UNSENT && committed) {
            return WriteMode.byName(mode).map(WriteMode::whenBrokerDown).orElse(null)
                            == WhenBrokerDown.COMMITS_UNSENT
                    ? Outcome.COMMITTED_UNSENT
                    : Outcome.ERROR;
        }
        return REFUSALS.contains(type) && !committed ? Outcome.REFUSED : Outcome.ERROR;
    }

    /**
     * {@code body} as the application's problem document (a {@code status} and a {@code detail}),
     * or {@code null}.
     */
    private static JsonObject problem(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return json.containsKey("status") && json.containsKey("detail") ? json : null;
        } catch (RuntimeException notAProblemDocument) {
            return null;
        }
    }

    /**
     * The id of the problem type an answer names ({@code internal-error}), the type as written if
     * the API does not document it, or {@code null} for an answer that is not a problem document.
     */
    static String problemType(String body) {
        JsonObject problem = problem(body);
        if (problem == null) {
            return null;
        }
        String type = problem.getString("type", "about:blank");
        return ProblemType.byUri(type).map(ProblemType::id).orElse(type);
    }

    /** The {@code orderId} of an answer's JSON object, or {@code null}. */
    static String orderId(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return json.getString("orderId", null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
