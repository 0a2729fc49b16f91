package org.outboxlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.order.PlaceOrder;

class OrderRequestReaderTest {

    private static PlaceOrder read(String body) {
        return OrderRequestReader.read(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null);
    }

    private static ProblemException refused(String body) {
        return assertThrows(ProblemException.class, () -> read(body));
    }

    @Test
    void readsAValidRequest() {
        PlaceOrder order =
                read(
                        "{\"customerId\":\"c-1\",\"mode\":\"xa\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":2},"
                                + "{\"sku\":\"MUG-1\",\"quantity\":1}]}");
        assertEquals("c-1", order.customerId());
        assertEquals(WriteMode.XA, order.mode());
        assertEquals(2, order.lines().size());
        assertEquals(new PlaceOrder.Line("BOOK-1", 2), order.lines().get(0));
        assertNull(
                read("{\"customerId\":\"c\",\"lines\":[{\"sku\":\"B\",\"quantity\":1}]}").mode());
    }

    @Test
    void namesTheFieldAtFault() {
        assertEquals("customerId", refused("{\"lines\":[{\"sku\":\"B\",\"quantity\":1}]}").field());
        assertEquals(
                "customerId",
                refused("{\"customerId\":\"has space\",\"lines\":[{\"sku\":\"B\",\"quantity\":1}]}")
                        .field());
        assertEquals("lines", refused("{\"customerId\":\"c\",\"lines\":{}}").field());
        assertEquals(
                "lines[1]",
                refused("{\"customerId\":\"c\",\"lines\":[{\"sku\":\"B\",\"quantity\":1},7]}")
                        .field());
        assertEquals(
                "lines[1].sku",
                refused(
                                "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"B\",\"quantity\":1},"
                                        + "{\"sku\":\"B\",\"quantity\":2}]}")
                        .field());
        assertEquals(
                "lines[0].quantity",
                refused("{\"customerId\":\"c\",\"lines\":[{\"sku\":\"B\",\"quantity\":\"2\"}]}")
                        .field());
        assertEquals(
                "lines[0].quantity",
                refused("{\"customerId\":\"c\",\"lines\":[{\"sku\":\"B\",\"quantity\":1001}]}")
                        .field());
        assertEquals(
                "mode",
                refused(
                                "{\"customerId\":\"c\",\"mode\":3,\"lines\":[{\"sku\":\"B\",\"quantity\":1}]}")
                        .field());
        assertEquals(
                "mode",
                refused(
                                "{\"customerId\":\"c\",\"mode\":\"BOTH\",\"lines\":[{\"sku\":\"B\",\"quantity\":1}]}")
                        .field());
    }

    @Test
    void refusesMalformedEmptyAndOversizedBodies() {
        assertEquals(400, refused("{\"customerId\":").status());
        assertEquals(400, refused("").status());
        assertEquals(400, refused("\"just a string\"").status());
        String lines = "{\"sku\":\"B\",\"quantity\":1},".repeat(51);
        assertEquals(
                "lines",
                refused(
                                "{\"customerId\":\"c\",\"lines\":["
                                        + lines.substring(0, lines.length() - 1)
                                        + "]}")
                        .field());
        assertEquals(
                413,
                refused(
                                "{\"customerId\":\""
                                        + "x".repeat(OrderRequestReader.MAX_BODY_BYTES)
                                        + "\"}")
                        .status());
    }
}
