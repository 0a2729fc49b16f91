package org.outboxlab.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Reads the notifications a PostgreSQL connection has heard. The only class that names the driver's
 * own types: it is loaded on PostgreSQL only, so a deployment on another database does not need the
 * driver's module.
 */
final class PostgresNotices {

    private PostgresNotices() {}

    /**
     * The payloads of the notifications heard on {@code connection}, waiting up to {@code
     * timeoutMs} for the first; empty if none came.
     */
    static List<String> await(Connection connection, int timeoutMs) throws SQLException {
        PGNotification[] notices =
                connection.unwrap(PGConnection.class).getNotifications(timeoutMs);
        List<String> payloads = new ArrayList<>();
        if (notices != null) {
            for (PGNotification notice : notices) {
                payloads.add(notice.getParameter());
            }
        }
        return payloads;
    }
}
