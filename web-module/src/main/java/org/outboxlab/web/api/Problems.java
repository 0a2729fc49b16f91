package org.outboxlab.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/** Builds {@code application/problem+json} responses. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    static Response of(int status, String field, String detail) {
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
        return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString()).build();
    }
}
