package org.outboxlab.web.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.faults.FaultPlan;

/**
 * A fault plan as JSON ({@code PUT /outbox/api/faults}): accepts only the known fields, each of its
 * type and in its range, so nothing half-read is ever armed.
 */
public final class FaultPlanJson {

    private static final Set<String> FIELDS =
            Set.of(
                    "crashPoint",
                    "transientFailureEvery",
                    "poisonCustomerSuffix",
                    "duplicatePublishEvery",
                    "rollbackAfterEffectEvery",
                    "customerPrefix");

    private FaultPlanJson() {}

    /**
     * The plan in {@code body}; fields left out are off.
     *
     * @throws ProblemException (400) naming the field at fault, for anything but a valid plan
     */
    public static FaultPlan parse(String body) {
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
            point =
                    CrashPoint.byId(pointId)
                            .orElseThrow(
                                    () ->
                                            new ProblemException(
                                                    400,
                                                    "crashPoint",
                                                    "unknown crash point " + pointId));
        }
        try {
            return new FaultPlan(
                    point,
                    every(json, "transientFailureEvery"),
                    string(json, "poisonCustomerSuffix"),
                    every(json, "duplicatePublishEvery"),
                    every(json, "rollbackAfterEffectEvery"),
                    string(json, "customerPrefix"));
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
        if (value instanceof JsonNumber n
                && n.isIntegral()
                && n.bigIntegerValue().bitLength() < 32) {
            return n.intValue();
        }
        throw new ProblemException(400, name, "must be a whole number");
    }
}
