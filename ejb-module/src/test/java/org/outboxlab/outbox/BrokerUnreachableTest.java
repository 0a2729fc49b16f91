package org.outboxlab.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.jms.JMSException;
import jakarta.transaction.RollbackException;
import javax.transaction.xa.XAException;
import org.apache.activemq.artemis.api.core.ActiveMQObjectClosedException;
import org.junit.jupiter.api.Test;

/**
 * A broker failure is recognised wherever the failure carries it. Shown to fail with the old cause
 * walk: the XA commit whose broker branch failed to prepare (seen in ComparisonScenarioIT's broker
 * outage, answered 500) was not recognised.
 */
class BrokerUnreachableTest {

    @Test
    void anXaCommitWhoseBrokerBranchFailedToPrepareIsTheBroker() {
        XAException branch = new XAException(XAException.XA_RBROLLBACK);
        branch.initCause(new ActiveMQObjectClosedException("AMQ219019: Session is closed"));
        RollbackException rolledBack =
                new RollbackException("ARJUNA016053: Could not commit transaction.");
        rolledBack.addSuppressed(branch);
        EJBTransactionRolledbackException failure =
                new EJBTransactionRolledbackException(rolledBack.getMessage(), rolledBack);

        assertTrue(BrokerUnreachable.causedByBroker(failure));
    }

    @Test
    void aJmsCauseIsTheBrokerAndAnythingElseIsNot() {
        assertTrue(
                BrokerUnreachable.causedByBroker(
                        new IllegalStateException(new JMSException("connection lost"))));
        RollbackException database = new RollbackException("could not commit");
        database.addSuppressed(new XAException(XAException.XAER_RMFAIL));
        assertFalse(BrokerUnreachable.causedByBroker(database));
    }
}
