package org.outboxlab.outbox;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.outboxlab.contract.EventFields;

/**
 * The JSON envelope an event travels in, built from its row's values: the identity, the order, the
 * sequence, the schema version, the time, the trace and the write mode around the business payload.
 * The write path stores it with the row ({@link OutboxEvent#getMessageBody()}), so the relay sends
 * it as stored; a row without one (written before bodies were stored) gets it built at publish.
 */
public final class EventEnvelope {

    /** Looked up once: {@code Json.createXxx} would search for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private EventEnvelope() {}

    /**
     * The envelope of {@code event}.
     *
     * @throws jakarta.json.JsonException if the payload is not a JSON object
     * @throws IllegalStateException if the payload is empty or not a JSON object
     */
    public static String of(PendingEvent event) {
        JsonObject payload;
        try (JsonReader reader = JSON.createReader(new StringReader(event.payload()))) {
            payload = reader.readObject();
        }
        return JSON.createObjectBuilder()
                .add(EventFields.EVENT_ID, event.eventId())
                .add(EventFields.AGGREGATE_TYPE, event.aggregateType())
                .add(EventFields.AGGREGATE_ID, event.aggregateId())
                .add(EventFields.EVENT_TYPE, event.eventType())
                .add(EventFields.SEQUENCE, event.sequence())
                .add(EventFields.SCHEMA_VERSION, event.schemaVersion())
                .add(EventFields.OCCURRED_AT, event.occurredAt().toString())
                .add(
                        EventFields.TRACE_PARENT,
                        event.traceParent() == null ? "" : event.traceParent())
                .add(EventFields.WRITE_MODE, event.writeMode())
                .add(EventFields.PAYLOAD, payload)
                .build()
                .toString();
    }
}
