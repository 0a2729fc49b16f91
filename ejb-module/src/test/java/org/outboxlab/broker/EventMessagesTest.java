package org.outboxlab.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.EventTypes;
import org.outboxlab.outbox.PendingEvent;

class EventMessagesTest {

    @Test
    void anOrdersLastEventClosesItsGroupAndNoOtherDoes() throws Exception {
        for (String type : new String[] {EventTypes.ORDER_SHIPPED, EventTypes.ORDER_CANCELLED}) {
            Map<String, Object> headers = headersOf(type);
            assertEquals(
                    -1,
                    headers.get(EventMessages.GROUP_SEQUENCE),
                    type + " ends its order: the group closes");
            assertEquals("order-1", headers.get(EventMessages.GROUP_ID));
        }
        for (String type : new String[] {EventTypes.ORDER_PLACED, EventTypes.ORDER_PAID}) {
            Map<String, Object> headers = headersOf(type);
            assertFalse(
                    headers.containsKey(EventMessages.GROUP_SEQUENCE),
                    type + " is followed by more: the group stays");
            assertEquals("order-1", headers.get(EventMessages.GROUP_ID));
        }
    }

    /** The properties {@link EventMessages#withHeaders} sets, recorded by a stand-in message. */
    private static Map<String, Object> headersOf(String eventType) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        TextMessage message =
                (TextMessage)
                        Proxy.newProxyInstance(
                                TextMessage.class.getClassLoader(),
                                new Class<?>[] {TextMessage.class},
                                (proxy, method, args) -> {
                                    if (method.getName().startsWith("set")
                                            && method.getName().endsWith("Property")) {
                                        properties.put((String) args[0], args[1]);
                                    }
                                    return null;
                                });
        EventMessages.withHeaders(
                message,
                new PendingEvent(
                        "event-1",
                        "Order",
                        "order-1",
                        eventType,
                        2,
                        1,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        "{}",
                        null,
                        "OUTBOX",
                        7));
        return properties;
    }
}
