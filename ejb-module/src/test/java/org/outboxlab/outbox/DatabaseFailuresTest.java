package org.outboxlab.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aRefusedOrBrokenConnectionDeepInTheCausesIsAnOutage() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:55432 refused", "08001");
        assertTrue(
                DatabaseFailures.unavailable(
                        new EJBException(new RuntimeException("IJ000453", refused))));
        assertTrue(
                DatabaseFailures.unavailable(
                        new SQLException(
                                "An I/O error occurred while sending to the backend", "08006")));
        assertTrue(
                DatabaseFailures.unavailable(
                        new SQLException(
                                "Connection to 127.0.0.1:55432 refused",
                                "08001",
                                new ConnectException("Connection refused"))));
        assertTrue(
                DatabaseFailures.unavailable(
                        new SQLException("the database system is starting up", "57P03")));
        assertTrue(
                DatabaseFailures.unavailable(
                        new SQLException(
                                "terminating connection due to administrator command", "57P01")));
        assertTrue(
                DatabaseFailures.unavailable(
                        new SQLException(
                                "FATAL: terminating connection due to idle-in-transaction timeout",
                                "25P03")),
                "a session the server ended after this node froze mid-transaction");
    }

    /**
     * Narayana's failed commit carries the resource's failure only as a suppressed exception: the
     * database died during the commit, so the outcome is unknown (seen in the db-outage run).
     */
    @Test
    void aCommitTheDatabaseDiedInIsUnavailableDuringTheCommit() {
        jakarta.transaction.RollbackException rolledBack =
                new jakarta.transaction.RollbackException(
                        "ARJUNA016053: Could not commit transaction.");
        rolledBack.addSuppressed(
                new RuntimeException(
                        "IJ001156: Could not commit local transaction",
                        new SQLException(
                                "FATAL: terminating connection due to unexpected postmaster exit",
                                "57P02")));
        jakarta.ejb.EJBTransactionRolledbackException failure =
                new jakarta.ejb.EJBTransactionRolledbackException(
                        rolledBack.getMessage(), rolledBack);
        assertTrue(DatabaseFailures.unavailableDuringCommit(failure));
        assertFalse(
                DatabaseFailures.unavailableDuringCommit(
                        new SQLException("the database system is starting up", "57P03")),
                "a failure before the commit: nothing committed");
        jakarta.transaction.RollbackException constraint =
                new jakarta.transaction.RollbackException("could not commit");
        constraint.addSuppressed(new SQLException("duplicate key", "23505"));
        assertFalse(DatabaseFailures.unavailableDuringCommit(constraint));
    }

    /**
     * An XA write that could not enlist its connection as the database died (seen in db-outage).
     */
    @Test
    void aJdbcConnectionThePoolCouldNotHandOutIsUnavailable() {
        jakarta.resource.ResourceException enlist =
                new jakarta.resource.ResourceException(
                        "IJ000461: Could not enlist in transaction on entering meta-aware object",
                        new IllegalStateException("Resource was not enlisted."));
        assertTrue(
                DatabaseFailures.unavailable(
                        new RuntimeException(
                                "Unable to acquire JDBC Connection",
                                new SQLException("IJ000457: Unchecked throwable", enlist))));
        assertFalse(
                DatabaseFailures.unavailable(new RuntimeException("JMS connector", enlist)),
                "a connector failure without JDBC could be the broker's");
    }

    @Test
    void aFailureOfTheWorkItselfIsNot() {
        assertFalse(
                DatabaseFailures.unavailable(
                        new SQLIntegrityConstraintViolationException("duplicate key", "23505")));
        assertFalse(DatabaseFailures.unavailable(new SQLException("no state")));
        assertFalse(DatabaseFailures.unavailable(new IllegalArgumentException("bad event")));
        assertFalse(
                DatabaseFailures.unavailable(
                        new IllegalStateException(new XAException(XAException.XA_RBROLLBACK))));
        assertFalse(
                DatabaseFailures.unavailable(
                        new RuntimeException(new ConnectException("Connection refused"))),
                "a refused socket alone may be the broker's");
        assertFalse(
                DatabaseFailures.unavailable(
                        new IllegalStateException(new XAException(XAException.XAER_RMFAIL))),
                "an XA resource that failed may be the broker's");
    }
}
