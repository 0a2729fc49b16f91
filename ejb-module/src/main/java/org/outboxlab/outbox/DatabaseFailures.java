package org.outboxlab.outbox;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (down, restarting, the connection cut, no connection to
 * be had from the pool) from a failure of the work itself (a constraint, bad data, a bug). Only a
 * JDBC failure counts: a socket, XA or connector failure alone could be the broker's. Only the
 * first is worth waiting out: the same work succeeds once the database is back, so a consumer holds
 * its message instead of spending the broker's bounded delivery attempts on it.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** Whether {@code failure}, or any of its causes, says the database could not be reached. */
    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        boolean jdbc = false;
        for (Throwable t = failure;
                t != null && depth < 32;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            jdbc |= t instanceof SQLException;
            if (jdbc && t instanceof jakarta.resource.ResourceException) {
                // the connection manager could not hand out or enlist a JDBC connection (the
                // database died under it): nothing ran, and a fresh connection will do
                return true;
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} is a commit that failed because the database could not be reached
     * (Narayana's {@code RollbackException} carrying the resource's failure as a suppressed
     * exception): unlike a failure before the commit, the write may or may not have committed.
     */
    public static boolean unavailableDuringCommit(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure;
                t != null && depth < 32;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof jakarta.transaction.RollbackException
                    || t instanceof jakarta.transaction.HeuristicMixedException) {
                for (Throwable suppressed : t.getSuppressed()) {
                    if (unavailable(suppressed)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), PostgreSQL's 57P01-57P03 (the server shutting down,
     * crashed, or starting up and not accepting connections yet) and 25P03 (the server ended a
     * session that idled in its transaction too long, as after a freeze of this node: nothing of it
     * committed, and the same work succeeds on a fresh connection).
     */
    static boolean unavailableState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.equals("25P03")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03"));
    }
}
