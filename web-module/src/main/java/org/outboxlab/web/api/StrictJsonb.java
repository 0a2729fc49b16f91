package org.outboxlab.web.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JSON-B as the API reads a request body: a field the target type does not declare is refused, a
 * {@code String} must be a JSON string and an {@code Integer} a whole JSON number in range
 * (JSON-B's defaults would take {@code 7} as {@code "7"}, {@code "5"} as 5, and cut {@code 1.5} to
 * 1), and a refusal names the field at fault.
 */
final class StrictJsonb {

    /** Yasson's (WildFly's JSON-B) words for a property it could not read, or did not know. */
    private static final Pattern UNREADABLE =
            Pattern.compile("Unable to deserialize property '([^']+)' because of: (.*)");

    private static final Pattern UNKNOWN =
            Pattern.compile("Json property (\\S+) can not be mapped");

    static final Jsonb JSONB =
            JsonbBuilder.create(
                    new JsonbConfig()
                            .setProperty("jsonb.fail-on-unknown-properties", true)
                            .withDeserializers(new WholeNumber(), new Text()));

    private StrictJsonb() {}

    /**
     * {@code body} as a {@code type}.
     *
     * @throws ProblemException (400) naming the field at fault, or saying that the body is not a
     *     JSON object
     */
    static <T> T read(String body, Class<T> type) {
        try {
            T value = JSONB.fromJson(body, type);
            if (value == null) {
                throw new ProblemException(400, null, "the body must be a JSON object");
            }
            return value;
        } catch (JsonbException e) {
            String message = String.valueOf(e.getMessage());
            Matcher unknown = UNKNOWN.matcher(message);
            if (unknown.find()) {
                throw new ProblemException(
                        400, unknown.group(1), "unknown field; known: " + fieldsOf(type));
            }
            Matcher unreadable = UNREADABLE.matcher(message);
            if (unreadable.find()) {
                throw new ProblemException(
                        400, unreadable.group(1), unreadable.group(1) + " " + unreadable.group(2));
            }
            throw new ProblemException(400, null, "the body must be a JSON object");
        }
    }

    private static List<String> fieldsOf(Class<?> type) {
        return type.isRecord()
                ? Stream.of(type.getRecordComponents()).map(RecordComponent::getName).toList()
                : List.of();
    }

    /** A whole JSON number that fits an {@code int}, or {@code null}. */
    static final class WholeNumber implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonNumber n
                    && n.isIntegral()
                    && n.bigIntegerValue().bitLength() < 32) {
                return n.intValue();
            }
            throw new JsonbException("must be a whole number");
        }
    }

    /** A JSON string, or {@code null}. */
    static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonString s) {
                return s.getString();
            }
            throw new JsonbException("must be a string");
        }
    }
}
