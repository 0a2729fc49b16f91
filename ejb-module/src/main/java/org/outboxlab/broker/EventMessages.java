package org.outboxlab.broker;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.outboxlab.contract.EventFields;
import org.outboxlab.contract.EventTypes;
import org.outboxlab.outbox.EventEnvelope;
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

    /**
     * {@code -1} on an order's last event closes its message group, so the broker forgets the
     * order.
     */
    public static final String GROUP_SEQUENCE = "JMSXGroupSeq";

    private EventMessages() {}

    /**
     * The message body of {@code event}: the envelope stored with its row, or, for a row without
     * one, the envelope built from its values ({@link EventEnvelope}); fails if that row's payload
     * is not a JSON object.
     */
    public static String envelope(PendingEvent event) {
        if (event.body() != null) {
            return event.body();
        }
        try {
            return EventEnvelope.of(event);
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidOutboxRowException(
                    "payload of event "
                            + event.eventId()
                            + " is not a JSON object: "
                            + e.getMessage());
        }
    }

    /**
     * The customer of {@code event}'s order, from its payload (or its stored envelope's); {@code
     * null} if it has none or is not JSON.
     */
    public static String customerOf(PendingEvent event) {
        boolean fromBody = event.payload() == null;
        String json = fromBody ? event.body() : event.payload();
        if (json == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject read = reader.readObject();
            JsonObject payload = fromBody ? read.getJsonObject(EventFields.PAYLOAD) : read;
            return payload == null ? null : payload.getString("customerId", null);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }

    /**
     * Marks {@code message} as a second publish of the same event: the broker's duplicate detection
     * lets it through, so only the consumers' inbox can absorb it (fault injection).
     */
    public static TextMessage republished(TextMessage message) throws JMSException {
        message.setStringProperty(
                DUPLICATE_ID, message.getStringProperty(EventFields.EVENT_ID) + ":republished");
        return message;
    }

    /**
     * Tags {@code message} with the epoch of the lease its publisher holds on the event's partition
     * ({@link EventFields#PARTITION_EPOCH}).
     */
    public static TextMessage withEpoch(TextMessage message, long epoch) throws JMSException {
        message.setLongProperty(EventFields.PARTITION_EPOCH, epoch);
        return message;
    }

    /** Sets the routing, grouping and duplicate-detection headers on {@code message}. */
    public static TextMessage withHeaders(TextMessage message, PendingEvent event)
            throws JMSException {
        message.setStringProperty(DUPLICATE_ID, event.eventId());
        message.setStringProperty(GROUP_ID, event.aggregateId());
        if (EventTypes.endsItsOrder(event.eventType())) {
            message.setIntProperty(
                    GROUP_SEQUENCE, -1); // nothing of this order follows: its group closes
        }
        message.setStringProperty(EventFields.EVENT_ID, event.eventId());
        message.setStringProperty(EventFields.EVENT_TYPE, event.eventType());
        message.setStringProperty(EventFields.AGGREGATE_ID, event.aggregateId());
        message.setIntProperty(EventFields.SEQUENCE, event.sequence());
        message.setStringProperty(EventFields.WRITE_MODE, event.writeMode());
        if (event.traceParent() != null) {
            message.setStringProperty(EventFields.TRACE_PARENT, event.traceParent());
        }
        return message;
    }
}
