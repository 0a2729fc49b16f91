package org.outboxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's log is read for second applies: each refusal on an effect table's unique key counts
 * once, with its event id; other keys' errors and the statement lines do not.
 */
class EffectKeyViolationsTest {

    private static final String LOG =
            """
            2026-12-07 06:50:01.120 UTC [4411] LOG:  checkpoint starting: time
            2026-12-07 06:50:01.123 UTC [4502] ERROR:  duplicate key value violates unique constraint "uk_ledger_event"
            2026-12-07 06:50:01.123 UTC [4502] DETAIL:  Key (event_id)=(0193a1f2-7c00-7000-8000-000000000001) already exists.
            2026-12-07 06:50:01.123 UTC [4502] STATEMENT:  insert into ledger_entry (amount_cents,applied_at,event_id,event_type,id) values ($1,$2,$3,$4,$5)
            2026-12-07 06:50:02.001 UTC [4503] ERROR:  duplicate key value violates unique constraint "inbox_pkey"
            2026-12-07 06:50:02.001 UTC [4503] DETAIL:  Key (consumer, event_id)=(ledger, 0193a1f2-7c00-7000-8000-000000000002) already exists.
            2026-12-07 06:50:03.500 UTC [4504] ERROR:  duplicate key value violates unique constraint "uk_fulfilment_event"
            2026-12-07 06:50:03.500 UTC [4504] DETAIL:  Key (event_id)=(0193a1f2-7c00-7000-8000-000000000001) already exists.
            2026-12-07 06:50:04.000 UTC [4505] ERROR:  duplicate key value violates unique constraint "uk_notification_event"
            2026-12-07 06:50:04.000 UTC [4505] DETAIL:  Key (event_id)=(0193a1f2-7c00-7000-8000-000000000003) already exists.
            """;

    @Test
    void eachRefusalOnAnEffectKeyCountsWithItsEvent() {
        assertEquals(
                List.of(
                        "0193a1f2-7c00-7000-8000-000000000001",
                        "0193a1f2-7c00-7000-8000-000000000001",
                        "0193a1f2-7c00-7000-8000-000000000003"),
                EffectKeyViolations.in(LOG));
    }

    @Test
    void aLogWithoutThemHasNone() {
        assertEquals(
                List.of(),
                EffectKeyViolations.in(
                        "2026-12-07 06:50:01.120 UTC [4411] LOG:  database system is ready\n"));
    }
}
