package org.outboxlab.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/** Builds {@code application/problem+json} responses. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The extension member that says a refused write committed all the same (NAIVE's lost send);
     * {@code true} only there, absent from every other problem.
     */
    static final String COMMITTED = "committed";

    private Problems() {}

    static Response of(int status, String field, String detail) {
        return response(status, document(status, field, detail));
    }

    /**
     * A 503 for a write whose order committed but whose event was not sent: {@value #COMMITTED}
     * {@code = true} tells a client that retrying would place a second order.
     */
    static Response committedButUnsent(String detail) {
        return response(503, committedButUnsentDocument(detail));
    }

    static JsonObject document(int status, String field, String detail) {
        return body(status, field, detail).build();
    }

    static JsonObject committedButUnsentDocument(String detail) {
        return body(503, null, detail).add(COMMITTED, true).build();
    }

    private static JsonObjectBuilder body(int status, String field, String detail) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        JsonObjectBuilder body =
                Json.createObjectBuilder()
                        .add("type", "about:blank")
                        .add("title", type == null ? "HTTP " + status : type.getReasonPhrase())
                        .add("status", status)
                        .add("detail", detail == null ? "" : detail);
        if (field != null) {
            body.add("field", field);
        }
        return body;
    }

    private static Response response(int status, JsonObject document) {
        return Response.status(status).type(MEDIA_TYPE).entity(document.toString()).build();
    }
}
