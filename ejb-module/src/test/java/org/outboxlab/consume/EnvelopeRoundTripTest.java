package org.outboxlab.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.outboxlab.broker.EventMessages;
import org.outboxlab.broker.InvalidOutboxRowException;
import org.outboxlab.contract.EventTypes;
import org.outboxlab.outbox.EventEnvelope;
import org.outboxlab.outbox.PendingEvent;

/**
 * What the relay writes into a message body is what a consumer reads out of it; what it cannot read
 * it refuses.
 */
class EnvelopeRoundTripTest {

    private static final Instant OCCURRED = Instant.parse("2026-12-02T10:15:30.123456Z");

    @Test
    void aConsumerReadsBackEveryFieldTheRelayWrote() {
        PendingEvent row =
                new PendingEvent(
                        "event-1",
                        "Order",
                        "order-1",
                        EventTypes.ORDER_PAID,
                        2,
                        1,
                        OCCURRED,
                        "{\"customerId\":\"c-1\",\"total\":12.5,\"lines\":[{\"sku\":\"BOOK-1\"}]}",
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                        "OUTBOX",
                        7);

        ReceivedEvent received = ReceivedEvent.from(text(EventMessages.envelope(row)));

        assertEquals("event-1", received.eventId());
        assertEquals("order-1", received.aggregateId());
        assertEquals(EventTypes.ORDER_PAID, received.eventType());
        assertEquals(2, received.sequence());
        assertEquals(OCCURRED, received.occurredAt());
        assertEquals("OUTBOX", received.writeMode());
        assertEquals("c-1", received.payload().getString("customerId"));
        assertEquals(12.5, received.payload().getJsonNumber("total").doubleValue());
        assertEquals(
                "BOOK-1",
                received.payload().getJsonArray("lines").getJsonObject(0).getString("sku"));
    }

    @Test
    void aRowWrittenWithItsBodyIsSentAsStoredAndReadsBackTheSame() {
        PendingEvent values =
                new PendingEvent(
                        "event-3",
                        "Order",
                        "order-3",
                        EventTypes.ORDER_PLACED,
                        1,
                        1,
                        OCCURRED,
                        "{\"customerId\":\"c-3\",\"totalCents\":4500}",
                        null,
                        "OUTBOX",
                        9);
        String stored = EventEnvelope.of(values);
        // as the claim reads a row with a stored body: the payload is left out, the body sent as is
        PendingEvent claimed =
                new PendingEvent(
                        "event-3",
                        "Order",
                        "order-3",
                        EventTypes.ORDER_PLACED,
                        1,
                        1,
                        OCCURRED,
                        null,
                        null,
                        "OUTBOX",
                        9,
                        stored);

        assertSame(stored, EventMessages.envelope(claimed));
        assertEquals(stored, EventMessages.envelope(values));
        assertEquals("c-3", EventMessages.customerOf(claimed));
        assertEquals("c-3", EventMessages.customerOf(values));
        ReceivedEvent received = ReceivedEvent.from(text(EventMessages.envelope(claimed)));
        assertEquals("event-3", received.eventId());
        assertEquals(4500, received.payload().getInt("totalCents"));
    }

    @Test
    void aRowWhosePayloadIsNotJsonNeverBecomesAMessage() {
        PendingEvent row =
                new PendingEvent(
                        "event-2",
                        "Order",
                        "order-2",
                        EventTypes.ORDER_PLACED,
                        1,
                        1,
                        OCCURRED,
                        "not json",
                        null,
                        "OUTBOX",
                        7);
        InvalidOutboxRowException refused =
                assertThrows(InvalidOutboxRowException.class, () -> EventMessages.envelope(row));
        assertTrue(refused.getMessage().contains("event-2"), refused.getMessage());
    }

    @Test
    void anEnvelopeWithoutItsFieldsIsRefusedWithTheMessageId() {
        for (String body :
                new String[] {
                    "{}",
                    "[1]",
                    "{\"eventId\":\"e\",\"aggregateId\":\"o\",\"eventType\":\"OrderPlaced\","
                            + "\"sequence\":0,\"occurredAt\":\"2026-12-02T10:15:30Z\",\"payload\":{}}",
                    "plain text"
                }) {
            InvalidEventException refused =
                    assertThrows(
                            InvalidEventException.class,
                            () -> ReceivedEvent.from(text(body)),
                            body);
            assertTrue(refused.getMessage().contains("ID:test"), refused.getMessage());
        }
    }

    /** A stand-in text message holding {@code body}, with message id {@code ID:test}. */
    private static TextMessage text(String body) {
        return (TextMessage)
                Proxy.newProxyInstance(
                        TextMessage.class.getClassLoader(),
                        new Class<?>[] {TextMessage.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "getText" -> body;
                                    case "getJMSMessageID" -> "ID:test";
                                    default -> null;
                                });
    }
}
