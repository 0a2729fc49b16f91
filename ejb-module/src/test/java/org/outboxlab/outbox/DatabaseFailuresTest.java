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
