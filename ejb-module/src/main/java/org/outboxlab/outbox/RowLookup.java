package org.outboxlab.outbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLRecoverableException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.outboxlab.outbox.UnreachableException.Resource;

/**
 * Finds a row by its id and tells a row that is not there from a load that failed: Hibernate's
 * {@code find} answers {@code null}, not the JDBC failure, when that failure has already marked the
 * JTA transaction rollback-only (HHH-12472, for IronJacamar; it logs the failure as HHH000327 at
 * INFO). Such a lookup throws {@link UnreachableException} for the database instead: the
 * transaction rolls back, nothing of it is written, and the caller answers it as an outage rather
 * than as a missing row or a {@code NullPointerException}.
 */
public final class RowLookup {

    private static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private RowLookup() {}

    /** The {@code type} row with {@code id}, or {@code null} if there is none. */
    public static <T> T find(EntityManager em, Class<T> type, Object id) {
        return checked(em.find(type, id), type);
    }

    /** The {@code type} row with {@code id}, locked with {@code lock}, or {@code null}. */
    public static <T> T find(EntityManager em, Class<T> type, Object id, LockModeType lock) {
        return checked(em.find(type, id, lock), type);
    }

    private static <T> T checked(T row, Class<T> type) {
        if (row == null && rolledBack()) {
            throw new UnreachableException(
                    Resource.DATABASE,
                    new SQLRecoverableException(
                            "loading a "
                                    + type.getSimpleName()
                                    + " failed and the transaction is marked for rollback (the"
                                    + " JDBC failure is logged as HHH000327)"));
        }
        return row;
    }

    /** Whether the current JTA transaction is marked for rollback; false outside a container. */
    private static boolean rolledBack() {
        try {
            TransactionSynchronizationRegistry registry = InitialContext.doLookup(REGISTRY);
            return registry.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK;
        } catch (NamingException notInAContainer) {
            return false;
        }
    }
}
