package org.outboxlab.logtail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pgoutput's messages, written byte by byte as protocol version 1 lays them out. */
class LogMessageTest {

    private static final List<String> COLUMNS =
            List.of(
                    "event_id",
                    "aggregate_id",
                    "aggregate_type",
                    "attempts",
                    "event_type",
                    "last_error",
                    "message_body",
                    "occurred_at",
                    "partition_no",
                    "payload",
                    "published_at",
                    "published_by",
                    "schema_version",
                    "sequence_no",
                    "status",
                    "trace_parent",
                    "write_mode");

    @Test
    void decodesARelationAndAnInsertIntoAnOutboxRow() throws IOException {
        LogMessage.Relation relation =
                assertInstanceOf(LogMessage.Relation.class, LogMessage.decode(relation(16385)));
        assertEquals("outbox", relation.namespace());
        assertEquals("outbox_event", relation.name());
        assertEquals(COLUMNS, relation.columns());

        LogMessage.Row row =
                assertInstanceOf(
                        LogMessage.Row.class,
                        LogMessage.decode(
                                insert(
                                        16385,
                                        "e-1",
                                        "order-1",
                                        "Order",
                                        "0",
                                        "OrderPlaced",
                                        null,
                                        "{\"orderId\":\"order-1\"}",
                                        "2026-12-07 14:58:00.123456+00",
                                        "17",
                                        "{}",
                                        null,
                                        null,
                                        "1",
                                        "2",
                                        "PENDING",
                                        null,
                                        "OUTBOX")));
        assertEquals('I', row.kind());
        OutboxImage image = OutboxImage.of(relation, row.values());
        assertEquals("e-1", image.event().eventId());
        assertEquals("order-1", image.event().aggregateId());
        assertEquals(2, image.event().sequence());
        assertEquals(17, image.event().partition());
        assertEquals(Instant.parse("2026-12-07T14:58:00.123456Z"), image.event().occurredAt());
        assertEquals("{\"orderId\":\"order-1\"}", image.event().body());
        assertNull(
                image.event().payload(), "a stored body holds the payload, as the claim reads it");
        assertEquals(true, image.pending());
    }

    @Test
    void decodesTransactionBoundariesWithTheirPositions() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte('B');
        out.writeLong(0x1976168L);
        out.writeLong(0);
        out.writeInt(0xFFFFFFF0);
        LogMessage.Begin begin =
                assertInstanceOf(LogMessage.Begin.class, LogMessage.decode(offset(bytes)));
        assertEquals(0x1976168L, begin.finalLsn());
        assertEquals(0xFFFFFFF0L, begin.xid(), "transaction ids are unsigned");

        bytes.reset();
        out.writeByte('C');
        out.writeByte(0);
        out.writeLong(0x1976168L);
        out.writeLong(0x19761A0L);
        out.writeLong(0);
        LogMessage.Commit commit =
                assertInstanceOf(LogMessage.Commit.class, LogMessage.decode(offset(bytes)));
        assertEquals(0x19761A0L, commit.endLsn());
    }

    @Test
    void refusesAMessageCutShort() throws IOException {
        ByteBuffer whole = insert(1, "e-1", "order-1");
        byte[] cut =
                Arrays.copyOfRange(whole.array(), whole.arrayOffset(), whole.array().length - 3);
        assertThrows(IllegalArgumentException.class, () -> LogMessage.decode(ByteBuffer.wrap(cut)));
    }

    @Test
    void readsPostgresTimestampsWithAndWithoutOffsetMinutes() {
        assertEquals(
                Instant.parse("2026-12-07T14:58:00Z"),
                OutboxImage.timestamp("2026-12-07 14:58:00+00").toInstant());
        assertEquals(
                Instant.parse("2026-12-07T09:28:00.5Z"),
                OutboxImage.timestamp("2026-12-07 14:58:00.5+05:30").toInstant());
        assertEquals(
                Instant.parse("2026-12-07T16:58:00Z"),
                OutboxImage.timestamp("2026-12-07 14:58:00-02").toInstant());
    }

    private static ByteBuffer relation(int oid) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte('R');
        out.writeInt(oid);
        string(out, "outbox");
        string(out, "outbox_event");
        out.writeByte('d');
        out.writeShort(COLUMNS.size());
        for (String column : COLUMNS) {
            out.writeByte(column.equals("event_id") ? 1 : 0);
            string(out, column);
            out.writeInt(1043);
            out.writeInt(-1);
        }
        return offset(bytes);
    }

    private static ByteBuffer insert(int oid, String... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte('I');
        out.writeInt(oid);
        out.writeByte('N');
        out.writeShort(values.length);
        for (String value : values) {
            if (value == null) {
                out.writeByte('n');
            } else {
                byte[] text = value.getBytes(StandardCharsets.UTF_8);
                out.writeByte('t');
                out.writeInt(text.length);
                out.write(text);
            }
        }
        return offset(bytes);
    }

    /** As PgJDBC hands a message over: the array holds a header before the message. */
    private static ByteBuffer offset(ByteArrayOutputStream bytes) {
        byte[] message = bytes.toByteArray();
        byte[] withHeader = new byte[message.length + 25];
        System.arraycopy(message, 0, withHeader, 25, message.length);
        return ByteBuffer.wrap(withHeader, 25, message.length).slice();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        out.write(value.getBytes(StandardCharsets.UTF_8));
        out.writeByte(0);
    }
}
