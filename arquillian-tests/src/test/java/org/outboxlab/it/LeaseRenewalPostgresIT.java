package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * A heartbeat that waited behind its own node's long batch renews the leases from when it got them,
 * not from when it began: a batch that holds the node's leases (shared locks, as a relay batch's
 * fence does) for longer than a lease leaves no lease run out behind it, so no partition changes
 * hands and no new epoch is granted. With the start time, the renewed leases would already have
 * expired and the node's next heartbeat would take all 64 partitions again under new epochs.
 */
@ExtendWith(ArquillianExtension.class)
public class LeaseRenewalPostgresIT {

    /** This deployment's lease ({@code outbox.cluster.lease-ms}): four heartbeats. */
    private static final Duration LEASE = Duration.ofSeconds(4);

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(
                Map.of("outbox.cluster.lease-ms", Long.toString(LEASE.toMillis())),
                LeaseRenewalPostgresIT.class);
    }

    @Test
    public void aBeatThatWaitedALeaseBehindABatchLeavesNoLeaseRunOut() throws Exception {
        OutboxProbe probe = OutboxProbe.inServer();
        Await.until(
                "this node holds every partition",
                Duration.ofSeconds(30),
                () ->
                        probe.count(
                                        "select count(*) from relay_partition where owner is not null"
                                                + " and lease_until > current_timestamp")
                                == 64,
                () -> probe.count("select count(*) from relay_partition where owner is not null"));
        String renewedBefore = oldestLease(probe);

        InitialContext jndi = new InitialContext();
        UserTransaction tx = (UserTransaction) jndi.lookup("java:comp/UserTransaction");
        DataSource outbox = (DataSource) jndi.lookup("java:jboss/datasources/OutboxDS");
        tx.begin();
        try (Connection connection = outbox.getConnection();
                Statement statement = connection.createStatement()) {
            int held = 0;
            try (ResultSet rows =
                    statement.executeQuery(
                            "select partition_no from relay_partition where owner is not null"
                                    + " order by partition_no for share")) {
                while (rows.next()) {
                    held++;
                }
            }
            assertEquals(64, held, "the batch-like transaction holds every lease");
            Thread.sleep(LEASE.plusMillis(1500).toMillis());
        } finally {
            tx.commit();
        }
        // The heartbeat that waited commits right after: catch its renewal before the next beat
        // (a second later) renews again, as a peer's heartbeat would see it.
        long deadline = System.nanoTime() + 900_000_000L;
        while (oldestLease(probe).equals(renewedBefore) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(
                probe.count(
                                "select count(*) from relay_partition where owner is not null"
                                        + " and lease_until <= current_timestamp")
                        == 0,
                "the waiting heartbeat renewed every lease into the future (a peer would take an"
                        + " expired one under a new epoch): oldest lease until "
                        + oldestLease(probe));
    }

    private static String oldestLease(OutboxProbe probe) {
        return probe.strings("select min(lease_until) from relay_partition where owner is not null")
                .get(0);
    }
}
