package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.OutboxProbe;

/**
 * The README's "only XA's write runs a two-phase commit", read from what PostgreSQL executed
 * ({@code pg_stat_statements}, which {@code pg.sh} preloads), not from the application's view of
 * itself: OUTBOX orders written, relayed and applied by every consumer make PostgreSQL run no
 * {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED} or {@code ROLLBACK PREPARED} and leave no
 * transaction in {@code pg_prepared_xacts}; one XA order makes it run a prepare and a commit
 * prepared, so the counts can see a two-phase commit where there is one. Shown to fail with the
 * consumers' {@code EventReceiver} moved onto {@code OutboxXADS}.
 */
@ExtendWith(ArquillianExtension.class)
public class OnePhaseOutboxPostgresIT {

    private static final String TWO_PHASE_COMMITS =
            "select coalesce(sum(calls), 0) from public.pg_stat_statements"
                    + " where query ilike 'commit prepared%'";

    /** Phase one, and the second phase's other outcome: a prepare rolled back is no COMMIT. */
    private static final String PREPARES_AND_ROLLBACKS =
            "select coalesce(sum(calls), 0) from public.pg_stat_statements"
                    + " where query ilike 'prepare transaction%' or query ilike 'rollback prepared%'";

    private static final String PREPARED_NOW = "select count(*) from pg_prepared_xacts";

    @Deployment
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(OnePhaseOutboxPostgresIT.class);
    }

    @Test
    public void outboxOrdersFromWriteToEveryEffectRunNoTwoPhaseCommitAndAnXaOrderDoes() {
        OrderApi api = OrderApi.local();
        OutboxProbe probe = OutboxProbe.inServer();
        probe.awaitOutboxDrained(WriteModesIT.EFFECTS_TIMEOUT);
        long before = probe.count(TWO_PHASE_COMMITS);
        long preparesBefore = probe.count(PREPARES_AND_ROLLBACKS);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String orderId =
                    api.placed("one-phase-" + i + "-" + System.nanoTime(), "OUTBOX", "BOOK-1", 1);
            assertEquals(200, api.advance(orderId, "pay").status());
            orders.add(orderId);
        }
        probe.awaitEffects(orders, WriteModesIT.EFFECTS_TIMEOUT);
        probe.awaitOutboxDrained(WriteModesIT.EFFECTS_TIMEOUT);
        assertEquals(
                before,
                probe.count(TWO_PHASE_COMMITS),
                "two-phase commits while 20 OUTBOX events were written, relayed and applied");
        assertEquals(
                preparesBefore,
                probe.count(PREPARES_AND_ROLLBACKS),
                "transactions prepared (or rolled back prepared) for 20 OUTBOX events");
        assertEquals(0, probe.count(PREPARED_NOW), "transactions left prepared in PostgreSQL");

        String xa = api.placed("one-phase-xa-" + System.nanoTime(), "XA", "BOOK-1", 1);
        probe.awaitEffects(List.of(xa), WriteModesIT.EFFECTS_TIMEOUT);
        assertTrue(
                probe.count(TWO_PHASE_COMMITS) > before,
                "an XA write shows as a COMMIT PREPARED, so the count sees one where it happens");
        assertTrue(
                probe.count(PREPARES_AND_ROLLBACKS) > preparesBefore,
                "and as a PREPARE TRANSACTION, so that count sees phase one where it happens");
    }
}
