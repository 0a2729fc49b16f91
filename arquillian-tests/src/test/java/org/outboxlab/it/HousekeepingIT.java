package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.ops.OutboxHousekeeper;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/** The housekeeping timer purges published outbox rows and old inbox rows, and keeps failed and pending rows. */
@ExtendWith(ArquillianExtension.class)
public class HousekeepingIT {

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(HousekeepingIT.class);
    }

    @Test
    public void timerPurgesDoneRowsAndKeepsFailedOnes() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = api.placed("housekeeping", "OUTBOX", "PEN-1", 1);
        api.advance(orderId, "pay");
        probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
        List<String> events = probe.eventIds(orderId);
        assertEquals(2, events.size());
        String failedId = UUID.randomUUID().toString();
        probe.update("insert into outbox_event (event_id, aggregate_type, aggregate_id, event_type, sequence_no, "
                + "schema_version, occurred_at, payload, write_mode, status, attempts, last_error) "
                + "values (?, 'Order', ?, 'OrderPlaced', 1, 1, ?, '{}', 'OUTBOX', 'FAILED', 10, 'kept for an operator')",
                failedId, UUID.randomUUID().toString(), new Timestamp(System.currentTimeMillis() - 3_600_000));

        OutboxHousekeeper housekeeper = (OutboxHousekeeper) new InitialContext()
                .lookup("java:global/outbox/outbox-ejb/OutboxHousekeeper!org.outboxlab.ops.OutboxHousekeeper");
        housekeeper.configure(200, Duration.ofMillis(1), Duration.ofMillis(1));
        try {
            Await.until("the timer to purge the order's outbox and inbox rows", Duration.ofSeconds(30),
                    () -> probe.eventIds(orderId).isEmpty()
                            && probe.count("select count(*) from inbox where event_id in (?, ?)", events.get(0), events.get(1)) == 0,
                    () -> probe.eventIds(orderId));
        } finally {
            housekeeper.configure(60_000, Duration.ofHours(24), Duration.ofDays(7));
        }
        assertEquals(1, probe.count("select count(*) from outbox_event where event_id = ? and status = 'FAILED'", failedId),
                "a failed row waits for an operator");
        assertEquals(0, probe.count("select count(*) from outbox_event where status in ('PUBLISHED', 'DIRECT')"),
                "every published row older than the retention is gone");
        assertEquals(6, probe.effectsOfOrder(orderId), "effects are business records and stay");
        probe.update("delete from outbox_event where event_id = ?", failedId);
    }

    @Test
    public void purgeKeepsRowsYoungerThanTheRetention() throws NamingException {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        String orderId = api.placed("housekeeping-young", "XA", "PEN-1", 1);
        probe.awaitEffects(List.of(orderId), Duration.ofSeconds(30));
        OutboxHousekeeper housekeeper = (OutboxHousekeeper) new InitialContext()
                .lookup("java:global/outbox/outbox-ejb/OutboxHousekeeper!org.outboxlab.ops.OutboxHousekeeper");
        OutboxHousekeeper.Purged purged = housekeeper.purge(java.time.Instant.now());
        assertTrue(purged.outboxRows() >= 0);
        assertEquals(1, probe.eventIds(orderId).size(), "a row younger than 24 h stays");
        assertEquals(3, probe.count("select count(*) from inbox where event_id = ?", probe.eventIds(orderId).get(0)));
    }
}
