package org.outboxlab.web.api;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.order.PlaceOrder;

/**
 * Reads and validates a place-order request body. Every refusal names the field at fault; the
 * caller writes nothing unless this returns.
 */
public final class OrderRequestReader {

    /** Looked up once: {@code Json.createReader} searches for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 1_000;
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private OrderRequestReader() {}

    /** Parses {@code body}; {@code traceParent} is passed through. */
    public static PlaceOrder read(InputStream body, String traceParent) {
        JsonObject json = parse(readBounded(body));
        String customerId = requiredString(json, "customerId");
        if (!CUSTOMER_ID.matcher(customerId).matches()) {
            throw bad("customerId", "must be 1 to 64 letters, digits or . _ @ -");
        }
        List<PlaceOrder.Line> lines = lines(json);
        WriteMode mode = mode(json);
        return new PlaceOrder(customerId, lines, mode, traceParent);
    }

    private static byte[] readBounded(InputStream in) {
        if (in == null) {
            throw bad(null, "a JSON body is required");
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    throw new ProblemException(
                            413, null, "body larger than " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw bad(null, "could not read the body: " + e.getMessage());
        }
    }

    private static JsonObject parse(byte[] body) {
        if (body.length == 0) {
            throw bad(null, "a JSON body is required");
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw bad(null, "the body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw bad(null, "malformed JSON: " + e.getMessage());
        }
    }

    private static List<PlaceOrder.Line> lines(JsonObject json) {
        JsonValue value = json.get("lines");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw bad("lines", "is required");
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw bad("lines", "must be an array");
        }
        List<JsonValue> array = value.asJsonArray();
        if (array.isEmpty()) {
            throw bad("lines", "must hold at least one line");
        }
        if (array.size() > MAX_LINES) {
            throw bad("lines", "must hold at most " + MAX_LINES + " lines");
        }
        List<PlaceOrder.Line> lines = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "lines[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw bad(path, "must be an object with sku and quantity");
            }
            JsonObject line = array.get(i).asJsonObject();
            String sku = requiredString(line, "sku", path + ".sku");
            if (!SKU.matcher(sku).matches()) {
                throw bad(path + ".sku", "must be 1 to 40 letters, digits or . _ -");
            }
            if (!skus.add(sku)) {
                throw bad(path + ".sku", "repeats " + sku + "; put the whole quantity on one line");
            }
            lines.add(new PlaceOrder.Line(sku, quantity(line, path + ".quantity")));
        }
        return lines;
    }

    private static int quantity(JsonObject line, String path) {
        JsonValue value = line.get("quantity");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw bad(path, "is required");
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER
                || !((JsonNumber) value).isIntegral()) {
            throw bad(path, "must be a whole number");
        }
        JsonNumber number = (JsonNumber) value;
        if (number.bigDecimalValue().compareTo(java.math.BigDecimal.ONE) < 0
                || number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(MAX_QUANTITY))
                        > 0) {
            throw bad(path, "must be between 1 and " + MAX_QUANTITY);
        }
        return number.intValue();
    }

    private static WriteMode mode(JsonObject json) {
        JsonValue value = json.get("mode");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw bad("mode", "must be one of OUTBOX, XA, NAIVE");
        }
        String name = ((JsonString) value).getString().toUpperCase(Locale.ROOT);
        try {
            return WriteMode.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw bad(
                    "mode",
                    "must be one of OUTBOX, XA, NAIVE, was " + ((JsonString) value).getString());
        }
    }

    private static String requiredString(JsonObject json, String name) {
        return requiredString(json, name, name);
    }

    private static String requiredString(JsonObject json, String name, String path) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw bad(path, "is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw bad(path, "must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static ProblemException bad(String field, String detail) {
        return new ProblemException(400, field, field == null ? detail : field + " " + detail);
    }
}
