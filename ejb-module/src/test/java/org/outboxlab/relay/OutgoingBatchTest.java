package org.outboxlab.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outboxlab.contract.EventTypes;
import org.outboxlab.outbox.PendingEvent;

class OutgoingBatchTest {

    @Test
    void anOrdersRowsGoOutInSequenceUpToItsFirstGapOrBadRow() {
        OutgoingBatch batch =
                OutgoingBatch.of(
                        List.of(
                                row("a1", "a", 1, "{}"),
                                row("a2", "a", 2, "{}"),
                                row(
                                        "a4", "a", 4,
                                        "{}"), // 3 is not in the batch (FAILED, or not yet
                                // claimed): waits
                                row("b2", "b", 2, "not json"),
                                row("b3", "b", 3, "{}"), // behind a row that fails
                                row("c3", "c", 3, "{}")));
        assertEquals(List.of("a1", "a2", "c3"), batch.eventIds());
        assertEquals(List.of("b2"), List.copyOf(batch.rejected().keySet()));
    }

    private static PendingEvent row(String id, String order, int sequence, String payload) {
        return new PendingEvent(
                id,
                "Order",
                order,
                EventTypes.ORDER_PAID,
                sequence,
                1,
                Instant.parse("2026-01-01T00:00:00Z"),
                payload,
                null,
                "OUTBOX",
                0);
    }
}
