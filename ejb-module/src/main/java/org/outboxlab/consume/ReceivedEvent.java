package org.outboxlab.consume;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.outboxlab.contract.EventFields;

/** An order event as a consumer reads it from a message: the envelope, validated. */
public record ReceivedEvent(
        String eventId,
        String aggregateId,
        String eventType,
        int sequence,
        Instant occurredAt,
        String writeMode,
        JsonObject payload) {

    /** Looked up once: {@code Json.createXxx} would search for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * Reads the JSON envelope of {@code message}.
     *
     * @throws InvalidEventException if the message is not a text message with a valid envelope
     */
    public static ReceivedEvent from(Message message) {
        String messageId = messageId(message);
        if (!(message instanceof TextMessage text)) {
            throw new InvalidEventException(messageId, "not a text message");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text.getText()))) {
            JsonObject json = reader.readObject();
            ReceivedEvent event =
                    new ReceivedEvent(
                            json.getString(EventFields.EVENT_ID),
                            json.getString(EventFields.AGGREGATE_ID),
                            json.getString(EventFields.EVENT_TYPE),
                            json.getInt(EventFields.SEQUENCE),
                            Instant.parse(json.getString(EventFields.OCCURRED_AT)),
                            json.getString(EventFields.WRITE_MODE, null),
                            json.getJsonObject(EventFields.PAYLOAD));
            if (event.payload() == null || event.eventId().isBlank() || event.sequence() < 1) {
                throw new InvalidEventException(messageId, "incomplete envelope");
            }
            return event;
        } catch (JMSException
                | JsonException
                | IllegalStateException
                | NullPointerException
                | ClassCastException
                | DateTimeParseException e) {
            throw new InvalidEventException(
                    messageId, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }
}
