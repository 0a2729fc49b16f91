package org.outboxlab.scenario;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.contract.WriteMode.WhenBrokerDown;

/**
 * What the order API's answer to one write tells its client: whether the write committed, was
 * refused with nothing written, or (a mode that commits unsent while the broker is down) committed
 * without its event; and the order's id, if the answer carries one.
 */
final class WriteAnswer {

    private WriteAnswer() {}

    /** The outcome of a write in {@code mode} answered with {@code status} and {@code body}. */
    static Outcome outcome(String mode, int status, String body) {
        if (status / 100 == 2) {
            return Outcome.ACCEPTED;
        }
        return status == 503 && committedUnsent(mode, body)
                ? Outcome.COMMITTED_UNSENT
                : Outcome.REFUSED;
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

    /**
     * Whether a 503 says the change committed without its event: only a mode that commits unsent
     * while the broker is down answers that, with the problem's extension member {@code
     * "committed": true}. Until every server in use sends that member, the older answer's words
     * "committed but" in its text count too.
     */
    private static boolean committedUnsent(String mode, String body) {
        if (WriteMode.byName(mode).map(WriteMode::whenBrokerDown).orElse(null)
                != WhenBrokerDown.COMMITS_UNSENT) {
            return false;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue committed = reader.readObject().get("committed");
            if (committed != null) {
                return committed == JsonValue.TRUE;
            }
        } catch (RuntimeException notAProblemDocument) {
            // fall back to the text
        }
        return body.contains("committed but");
    }
}
