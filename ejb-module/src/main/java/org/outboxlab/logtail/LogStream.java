package org.outboxlab.logtail;

import java.nio.ByteBuffer;
import java.sql.SQLException;

/**
 * A slot's stream of changes as the reader uses it, positions as plain numbers: no type of the
 * PostgreSQL driver appears in the reader's bean, whose class WildFly inspects on every deployment,
 * H2 ones included, where the driver is absent ({@link SlotSession} is the one implementation).
 */
interface LogStream extends AutoCloseable {

    /**
     * Whether this session made its slot (there was none, or PostgreSQL had invalidated it): the
     * stream starts now, and whatever was committed before it is in no stream.
     */
    boolean slotMadeAnew();

    /** The next message, or null when none has arrived. */
    ByteBuffer next() throws SQLException;

    /** The position of the last message or keepalive received. */
    long received();

    /**
     * Tells PostgreSQL that everything up to {@code lsn} is done with; {@code now}: at once, not at
     * the next status interval.
     */
    void confirm(long lsn, boolean now) throws SQLException;

    @Override
    void close();
}
