package org.outboxlab.relay;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.outboxlab.outbox.OutboxEvent;

/**
 * Maps an event to its JMS form: a JSON envelope as the text body, and the headers the broker and
 * the consumers act on. Artemis drops a second message with the same {@code _AMQ_DUPL_ID} (the
 * event id), and {@code JMSXGroupID} (the order id) keeps one order's events on one consumer.
 */
public final class EventMessages {

    /** Looked up once: {@code Json.createXxx} would search for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Artemis's duplicate-detection header. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String GROUP_ID = "JMSXGroupID";
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String SEQUENCE = "sequence";
    public static final String WRITE_MODE = "writeMode";
    public static final String TRACE_PARENT = "traceparent";

    private EventMessages() {
    }

    /** The JSON envelope sent as the message body; fails if the stored payload is not a JSON object. */
    public static String envelope(OutboxEvent event) {
        JsonObject payload;
        try (JsonReader reader = JSON.createReader(new StringReader(event.getPayload()))) {
            payload = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidOutboxRowException("payload of event " + event.getEventId() + " is not a JSON object: "
                    + e.getMessage());
        }
        return JSON.createObjectBuilder()
                .add("eventId", event.getEventId())
                .add("aggregateType", event.getAggregateType())
                .add("aggregateId", event.getAggregateId())
                .add("eventType", event.getEventType())
                .add("sequence", event.getSequence())
                .add("schemaVersion", event.getSchemaVersion())
                .add("occurredAt", event.getOccurredAt().toString())
                .add("traceparent", event.getTraceParent() == null ? "" : event.getTraceParent())
                .add("writeMode", event.getWriteMode().name())
                .add("payload", payload)
                .build()
                .toString();
    }

    /**
     * Marks {@code message} as a second publish of the same event: the broker's duplicate detection
     * lets it through, so only the consumers' inbox can absorb it (fault injection).
     */
    public static TextMessage republished(TextMessage message) throws JMSException {
        message.setStringProperty(DUPLICATE_ID, message.getStringProperty(EVENT_ID) + ":republished");
        return message;
    }

    /** Sets the routing, grouping and duplicate-detection headers on {@code message}. */
    public static TextMessage withHeaders(TextMessage message, OutboxEvent event) throws JMSException {
        message.setStringProperty(DUPLICATE_ID, event.getEventId());
        message.setStringProperty(GROUP_ID, event.getAggregateId());
        message.setStringProperty(EVENT_ID, event.getEventId());
        message.setStringProperty(EVENT_TYPE, event.getEventType());
        message.setStringProperty(AGGREGATE_ID, event.getAggregateId());
        message.setIntProperty(SEQUENCE, event.getSequence());
        message.setStringProperty(WRITE_MODE, event.getWriteMode().name());
        if (event.getTraceParent() != null) {
            message.setStringProperty(TRACE_PARENT, event.getTraceParent());
        }
        return message;
    }
}
