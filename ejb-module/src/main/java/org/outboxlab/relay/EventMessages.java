package org.outboxlab.relay;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.outboxlab.outbox.EventTypes;
import org.outboxlab.outbox.PendingEvent;

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
    /** {@code -1} on an order's last event closes its message group, so the broker forgets the order. */
    public static final String GROUP_SEQUENCE = "JMSXGroupSeq";
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String SEQUENCE = "sequence";
    public static final String WRITE_MODE = "writeMode";
    public static final String TRACE_PARENT = "traceparent";

    private EventMessages() {
    }

    /** The JSON envelope sent as the message body; fails if the stored payload is not a JSON object. */
    public static String envelope(PendingEvent event) {
        JsonObject payload;
        try (JsonReader reader = JSON.createReader(new StringReader(event.payload()))) {
            payload = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidOutboxRowException("payload of event " + event.eventId() + " is not a JSON object: "
                    + e.getMessage());
        }
        return JSON.createObjectBuilder()
                .add("eventId", event.eventId())
                .add("aggregateType", event.aggregateType())
                .add("aggregateId", event.aggregateId())
                .add("eventType", event.eventType())
                .add("sequence", event.sequence())
                .add("schemaVersion", event.schemaVersion())
                .add("occurredAt", event.occurredAt().toString())
                .add("traceparent", event.traceParent() == null ? "" : event.traceParent())
                .add("writeMode", event.writeMode())
                .add("payload", payload)
                .build()
                .toString();
    }

    /** The customer of {@code event}'s order, from its payload; {@code null} if it has none or is not JSON. */
    public static String customerOf(PendingEvent event) {
        try (JsonReader reader = JSON.createReader(new StringReader(event.payload()))) {
            return reader.readObject().getString("customerId", null);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return null;
        }
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
    public static TextMessage withHeaders(TextMessage message, PendingEvent event) throws JMSException {
        message.setStringProperty(DUPLICATE_ID, event.eventId());
        message.setStringProperty(GROUP_ID, event.aggregateId());
        if (EventTypes.endsItsOrder(event.eventType())) {
            message.setIntProperty(GROUP_SEQUENCE, -1); // nothing of this order follows: its group closes
        }
        message.setStringProperty(EVENT_ID, event.eventId());
        message.setStringProperty(EVENT_TYPE, event.eventType());
        message.setStringProperty(AGGREGATE_ID, event.aggregateId());
        message.setIntProperty(SEQUENCE, event.sequence());
        message.setStringProperty(WRITE_MODE, event.writeMode());
        if (event.traceParent() != null) {
            message.setStringProperty(TRACE_PARENT, event.traceParent());
        }
        return message;
    }
}
