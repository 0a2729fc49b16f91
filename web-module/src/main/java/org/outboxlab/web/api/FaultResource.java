package org.outboxlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.util.Set;
import org.outboxlab.faults.CrashPoint;
import org.outboxlab.faults.FaultPlan;
import org.outboxlab.faults.Faults;

/**
 * The fault plan of a lab or test server ({@code outbox.faults.enabled=true}): read, replace, clear.
 * On any other server every call is a 404 problem and nothing can be armed.
 */
@RequestScoped
@Path("faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {

    private static final Set<String> FIELDS = Set.of("crashPoint", "transientFailureEvery", "poisonCustomerSuffix",
            "duplicatePublishEvery", "rollbackAfterEffectEvery");

    @Inject
    Faults faults;

    @GET
    public String current() {
        requireEnabled();
        return json(faults.plan());
    }

    /** Replaces the whole plan; fields left out are off. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String replace(String body) {
        requireEnabled();
        FaultPlan plan = parse(body);
        faults.apply(plan);
        return json(plan);
    }

    @DELETE
    public String clear() {
        requireEnabled();
        faults.apply(FaultPlan.NONE);
        return json(FaultPlan.NONE);
    }

    private void requireEnabled() {
        if (!faults.enabled()) {
            throw new ProblemException(404, null, "fault injection is not enabled on this server");
        }
    }

    private static FaultPlan parse(String body) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ProblemException(400, null, "the body must be a JSON object");
        }
        for (String name : json.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new ProblemException(400, name, "unknown field; known: " + FIELDS);
            }
        }
        CrashPoint point = null;
        String pointId = string(json, "crashPoint");
        if (pointId != null) {
            point = CrashPoint.byId(pointId).orElseThrow(() -> new ProblemException(400, "crashPoint",
                    "unknown crash point " + pointId));
        }
        try {
            return new FaultPlan(point, every(json, "transientFailureEvery"), string(json, "poisonCustomerSuffix"),
                    every(json, "duplicatePublishEvery"), every(json, "rollbackAfterEffectEvery"));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new ProblemException(400, message.substring(0, message.indexOf(':')), message);
        }
    }

    private static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new ProblemException(400, name, "must be a string");
    }

    private static int every(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return 0;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < 32) {
            return n.intValue();
        }
        throw new ProblemException(400, name, "must be a whole number");
    }

    private static String json(FaultPlan plan) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("transientFailureEvery", plan.transientFailureEvery())
                .add("duplicatePublishEvery", plan.duplicatePublishEvery())
                .add("rollbackAfterEffectEvery", plan.rollbackAfterEffectEvery());
        if (plan.crashPoint() != null) {
            body.add("crashPoint", plan.crashPoint().id());
        }
        if (plan.poisonCustomerSuffix() != null) {
            body.add("poisonCustomerSuffix", plan.poisonCustomerSuffix());
        }
        return body.build().toString();
    }
}
