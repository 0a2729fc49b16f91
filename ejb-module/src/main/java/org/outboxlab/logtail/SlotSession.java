package org.outboxlab.logtail;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * One replication connection streaming a slot's changes with {@code pgoutput} from the slot's
 * confirmed position: it first ends any other session streaming the slot (a walsender of a node
 * whose lease passed on), creates the slot if it is missing, and recreates it if PostgreSQL
 * invalidated it (its retained WAL passed {@code max_slot_wal_keep_size}); what was committed
 * before a new slot is left to the sweeper. Confirms positions only when told to.
 */
final class SlotSession implements LogStream {

    private static final Logger LOG = Logger.getLogger(SlotSession.class.getName());

    private final Connection connection;
    private final PGReplicationStream stream;

    private final boolean madeAnew;

    private SlotSession(Connection connection, PGReplicationStream stream, boolean madeAnew) {
        this.connection = connection;
        this.stream = stream;
        this.madeAnew = madeAnew;
    }

    @Override
    public boolean slotMadeAnew() {
        return madeAnew;
    }

    /**
     * Opens a session on {@code slot} (a validated name) for {@code publication} (validated names,
     * separated by commas), through a connection of {@code replication}, a datasource whose
     * connections are in logical replication mode.
     */
    static LogStream open(DataSource replication, String slot, String publication)
            throws SQLException {
        Connection connection = replication.getConnection();
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            endOtherReaders(connection, slot);
            boolean madeAnew = ensureSlot(connection, pg, slot);
            PGReplicationStream stream =
                    pg.getReplicationAPI()
                            .replicationStream()
                            .logical()
                            .withSlotName(slot)
                            .withSlotOption("proto_version", "1")
                            .withSlotOption("publication_names", publication)
                            .withStatusInterval(1, TimeUnit.SECONDS)
                            .start();
            return new SlotSession(connection, stream, madeAnew);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Whether {@code publication} (a validated name) publishes the inserts, and with {@code
     * updates} the updates too, of {@code table}, asked through a connection of {@code
     * replication}.
     */
    static boolean publishes(
            DataSource replication, String publication, String table, boolean updates)
            throws SQLException {
        try (Connection connection = replication.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "select count(*) from pg_publication p join pg_publication_tables t "
                                        + "on t.pubname = p.pubname where p.pubname = '"
                                        + publication
                                        + "' and t.tablename = '"
                                        + table
                                        + "' and p.pubinsert"
                                        + (updates ? " and p.pubupdate" : ""))) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    @Override
    public ByteBuffer next() throws SQLException {
        return stream.readPending();
    }

    @Override
    public long received() {
        LogSequenceNumber last = stream.getLastReceiveLSN();
        return last == null ? 0 : last.asLong();
    }

    /**
     * Tells PostgreSQL that everything up to {@code lsn} is done with: the slot may release the WAL
     * before it, and a new session resumes after it.
     */
    @Override
    public void confirm(long lsn, boolean now) throws SQLException {
        LogSequenceNumber position = LogSequenceNumber.valueOf(lsn);
        stream.setFlushedLSN(position);
        stream.setAppliedLSN(position);
        if (now) {
            stream.forceUpdateStatus();
        }
    }

    /**
     * Ends the session and its physical connection: a replication connection whose stream failed
     * can keep the driver's copy lock, and the pool would hand it out again to a caller that then
     * waits on that lock for ever. The pool validates a connection before handing it out and
     * discards the closed one.
     */
    @Override
    public void close() {
        try {
            if (!stream.isClosed()) {
                stream.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // the session is discarded; its server side ends with the connection
        }
        try {
            connection.unwrap(org.postgresql.core.BaseConnection.class).close();
        } catch (SQLException | RuntimeException ignored) {
            // closed already
        }
        closeQuietly(connection);
    }

    private static void endOtherReaders(Connection connection, String slot) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean ended = false;
            try (ResultSet rows =
                    statement.executeQuery(
                            "select pg_terminate_backend(active_pid) from pg_replication_slots "
                                    + "where slot_name = '"
                                    + slot
                                    + "' and active_pid is not null")) {
                while (rows.next()) {
                    ended |= rows.getBoolean(1);
                }
            }
            if (ended) {
                LOG.info("ended the previous reader's session on slot " + slot);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (active(statement, slot)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new SQLException("slot " + slot + " is still in use by another session");
                }
                sleep(50);
            }
        }
    }

    private static boolean active(Statement statement, String slot) throws SQLException {
        try (ResultSet rows =
                statement.executeQuery(
                        "select count(*) from pg_replication_slots where slot_name = '"
                                + slot
                                + "' and active")) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    /** Makes the slot where there is none or it was invalidated; whether it made it. */
    private static boolean ensureSlot(Connection connection, PGConnection pg, String slot)
            throws SQLException {
        String status = null;
        boolean found = false;
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "select wal_status from pg_replication_slots where slot_name = '"
                                        + slot
                                        + "'")) {
            if (rows.next()) {
                found = true;
                status = rows.getString(1);
            }
        }
        if (found && "lost".equals(status)) {
            LOG.warning(
                    "slot "
                            + slot
                            + " was invalidated (its retained WAL passed max_slot_wal_keep_size): "
                            + "recreating it; the sweeper publishes the rows committed meanwhile, "
                            + "and change data capture catches up from the order rows");
            pg.getReplicationAPI().dropReplicationSlot(slot);
            found = false;
        }
        if (!found) {
            pg.getReplicationAPI()
                    .createReplicationSlot()
                    .logical()
                    .withSlotName(slot)
                    .withOutputPlugin("pgoutput")
                    .make();
            LOG.info(
                    "created replication slot "
                            + slot
                            + "; rows committed before it are left to the sweeper");
        }
        return !found;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // discarded
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
