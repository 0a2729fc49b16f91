package org.outboxlab.logtail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One message of PostgreSQL's {@code pgoutput} plugin, protocol version 1, as the log reader needs
 * it: transaction boundaries with their positions, relations with their column names, and the new
 * row of an insert or update as text (null for SQL NULL or an unchanged TOAST value). Every other
 * kind decodes to {@link Other}.
 */
sealed interface LogMessage {

    /** A transaction begins; its commit will be at {@code finalLsn}. */
    record Begin(long finalLsn, long xid) implements LogMessage {}

    /** The columns of relation {@code oid}, sent before its first change in a session. */
    record Relation(int oid, String namespace, String name, List<String> columns)
            implements LogMessage {

        /** A row of this relation, {@code values} in its column order, by column name. */
        java.util.Map<String, String> byColumn(List<String> values) {
            java.util.Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < columns.size() && i < values.size(); i++) {
                row.put(columns.get(i), values.get(i));
            }
            return row;
        }

        /**
         * The value of {@code column} in {@code row} (one of this relation's).
         *
         * @throws IllegalArgumentException if the row has none
         */
        String required(java.util.Map<String, String> row, String column) {
            String value = row.get(column);
            if (value == null) {
                throw new IllegalArgumentException(
                        "the log's row of " + name + " has no value for column " + column);
            }
            return value;
        }
    }

    /** A new row of relation {@code relation}, its values in the relation's column order. */
    record Row(char kind, int relation, List<String> values) implements LogMessage {}

    /** A transaction committed; the stream resumes after {@code endLsn}. */
    record Commit(long commitLsn, long endLsn) implements LogMessage {}

    /** A message the reader does not act on (origin, type, truncate, delete, message). */
    record Other(char kind) implements LogMessage {}

    /**
     * Decodes one message, starting at {@code buffer}'s array offset, as PgJDBC's replication
     * stream returns it.
     *
     * @throws IllegalArgumentException for a message cut short or of an unknown tuple kind
     */
    static LogMessage decode(ByteBuffer buffer) {
        ByteBuffer in =
                ByteBuffer.wrap(
                        buffer.array(),
                        buffer.arrayOffset(),
                        buffer.array().length - buffer.arrayOffset());
        try {
            char kind = (char) in.get();
            return switch (kind) {
                case 'B' -> {
                    long finalLsn = in.getLong();
                    in.getLong(); // commit time
                    yield new Begin(finalLsn, Integer.toUnsignedLong(in.getInt()));
                }
                case 'C' -> {
                    in.get(); // flags
                    long commitLsn = in.getLong();
                    long endLsn = in.getLong();
                    yield new Commit(commitLsn, endLsn);
                }
                case 'R' -> relation(in);
                case 'I' -> {
                    int relation = in.getInt();
                    expect(in, 'N');
                    yield new Row(kind, relation, tuple(in));
                }
                case 'U' -> {
                    int relation = in.getInt();
                    char next = (char) in.get();
                    if (next == 'K' || next == 'O') {
                        tuple(in); // the old key or row
                        next = (char) in.get();
                    }
                    if (next != 'N') {
                        throw new IllegalArgumentException("update without a new row: " + next);
                    }
                    yield new Row(kind, relation, tuple(in));
                }
                default -> new Other(kind);
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("a pgoutput message cut short", e);
        }
    }

    private static Relation relation(ByteBuffer in) {
        int oid = in.getInt();
        String namespace = string(in);
        String name = string(in);
        in.get(); // replica identity
        int count = in.getShort();
        List<String> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.get(); // flags
            columns.add(string(in));
            in.getInt(); // type
            in.getInt(); // type modifier
        }
        return new Relation(oid, namespace, name, Collections.unmodifiableList(columns));
    }

    private static List<String> tuple(ByteBuffer in) {
        int count = in.getShort();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            char kind = (char) in.get();
            switch (kind) {
                case 'n', 'u' -> values.add(null);
                case 't' -> {
                    byte[] text = new byte[in.getInt()];
                    in.get(text);
                    values.add(new String(text, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalArgumentException("unknown tuple value kind " + kind);
            }
        }
        return Collections.unmodifiableList(values);
    }

    private static String string(ByteBuffer in) {
        int start = in.position();
        while (in.get() != 0) {
            // up to the terminating zero
        }
        return new String(
                in.array(),
                in.arrayOffset() + start,
                in.position() - start - 1,
                StandardCharsets.UTF_8);
    }

    private static void expect(ByteBuffer in, char wanted) {
        char found = (char) in.get();
        if (found != wanted) {
            throw new IllegalArgumentException("expected '" + wanted + "', found '" + found + "'");
        }
    }
}
