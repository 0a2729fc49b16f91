package org.outboxlab.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.outboxlab.contract.ProblemType;

/**
 * Builds {@code application/problem+json} responses (RFC 9457): a {@link ProblemType}'s type URI,
 * title and status, the detail, the request field at fault, and {@code Retry-After} where the type
 * says a retry will do.
 */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The extension member that says a refused write committed all the same (NAIVE's lost send);
     * {@code true} only there, absent from every other problem.
     */
    static final String COMMITTED = "committed";

    /**
     * The committed order's id, beside {@value #COMMITTED}: the order to look up, not to place
     * again.
     */
    static final String ORDER_ID = "orderId";

    /** The id of the event that was not sent, beside {@value #COMMITTED}. */
    static final String EVENT_ID = "eventId";

    /** Reason phrases JAX-RS's {@code Response.Status} does not know (RFC 9110's names). */
    private static final Map<Integer, String> REASONS =
            Map.of(413, "Content Too Large", 422, "Unprocessable Content");

    private Problems() {}

    static Response of(ProblemType type, String field, String detail) {
        return response(type, document(type, field, detail));
    }

    /** A problem of {@code status}: its general type if it has one, else {@code about:blank}. */
    static Response of(int status, String field, String detail) {
        return ProblemType.generalFor(status)
                .map(type -> of(type, field, detail))
                .orElseGet(() -> response(null, blank(status, field, detail)));
    }

    /**
     * A 503 for a write whose order committed but whose event was not sent: {@value #COMMITTED}
     * {@code = true} tells a client that retrying would place a second order, {@value #ORDER_ID}
     * which order to look up instead, {@value #EVENT_ID} which event was lost.
     */
    static Response committedButUnsent(String orderId, String eventId, String detail) {
        return response(
                ProblemType.COMMITTED_BUT_UNSENT,
                committedButUnsentDocument(orderId, eventId, detail));
    }

    static JsonObject document(ProblemType type, String field, String detail) {
        return body(type.uri(), type.title(), type.status(), field, detail).build();
    }

    static JsonObject committedButUnsentDocument(String orderId, String eventId, String detail) {
        ProblemType type = ProblemType.COMMITTED_BUT_UNSENT;
        JsonObjectBuilder body =
                body(type.uri(), type.title(), type.status(), null, detail).add(COMMITTED, true);
        if (orderId != null) {
            body.add(ORDER_ID, orderId);
        }
        if (eventId != null) {
            body.add(EVENT_ID, eventId);
        }
        return body.build();
    }

    static JsonObject blank(int status, String field, String detail) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title =
                known != null
                        ? known.getReasonPhrase()
                        : REASONS.getOrDefault(status, "HTTP " + status);
        return body("about:blank", title, status, field, detail).build();
    }

    private static JsonObjectBuilder body(
            String type, String title, int status, String field, String detail) {
        JsonObjectBuilder body =
                Json.createObjectBuilder()
                        .add("type", type)
                        .add("title", title)
                        .add("status", status)
                        .add("detail", detail == null ? "" : detail);
        if (field != null) {
            body.add("field", field);
        }
        return body;
    }

    private static Response response(ProblemType type, JsonObject document) {
        Response.ResponseBuilder response =
                Response.status(document.getInt("status"))
                        .type(MEDIA_TYPE)
                        .entity(document.toString());
        if (type != null && type.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(type.retryAfterSeconds()));
        }
        return response.build();
    }
}
