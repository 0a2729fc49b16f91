package org.outboxlab.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Listens on PostgreSQL's channel {@value WakeOwner#CHANNEL} on one pooled connection and hands
 * each batch of notice payloads to its receiver, on the thread that runs it, until stopped. Every
 * connection it listened on goes back to the pool unlistened ({@code UNLISTEN *}), whether it
 * stops, the database fails or the receiver throws: a pooled connection still listening would queue
 * every later notice in the driver for a borrower who never reads them. A connection on which
 * {@code UNLISTEN} itself fails is a broken one, which the pool's exception sorter discards. When
 * the database is away it tries again every {@code retryMs}. Returns at once on another database.
 */
public final class WakeupChannel implements Runnable {

    private static final Logger LOG = Logger.getLogger(WakeupChannel.class.getName());

    private static final int POLL_MS = 1000;

    private final DataSource dataSource;
    private final Consumer<List<String>> receiver;
    private final long retryMs;
    private volatile boolean running = true;

    /**
     * @param receiver called with the payloads of the notices heard in one wait (never empty)
     */
    public WakeupChannel(DataSource dataSource, Consumer<List<String>> receiver, long retryMs) {
        this.dataSource = dataSource;
        this.receiver = receiver;
        this.retryMs = retryMs;
    }

    /** Ends {@link #run} within a poll (a second) and a connection's return to the pool. */
    public void stop() {
        running = false;
    }

    /** How long after {@link #stop} {@link #run} has surely returned. */
    public static long stopWithinMs() {
        return POLL_MS * 3L;
    }

    @Override
    public void run() {
        boolean warned = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                    return;
                }
                try {
                    execute(connection, "LISTEN " + WakeOwner.CHANNEL);
                    if (warned) {
                        LOG.info("listening for other nodes' relay wake-ups again");
                        warned = false;
                    }
                    while (running) {
                        List<String> payloads = PostgresNotices.await(connection, POLL_MS);
                        if (!payloads.isEmpty()) {
                            receiver.accept(payloads);
                        }
                    }
                } finally {
                    execute(connection, "UNLISTEN *");
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOG.warning(
                            "not hearing other nodes' relay wake-ups (the timer still drains): "
                                    + e.getMessage());
                    warned = true;
                }
                try {
                    Thread.sleep(retryMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
