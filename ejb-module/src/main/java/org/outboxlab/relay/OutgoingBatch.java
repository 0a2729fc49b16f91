package org.outboxlab.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outboxlab.broker.EventMessages;
import org.outboxlab.broker.InvalidOutboxRowException;
import org.outboxlab.outbox.PendingEvent;

/**
 * Claimed rows, split three ways before anything is sent: the events that go out with their message
 * bodies, the rows that cannot become a message (to be marked FAILED, with the reason), and the
 * rows that stay pending because their predecessor does not go out ahead of them. The claim gives
 * each order's rows in sequence, its first row ready (its predecessor published); a later row goes
 * out only right behind its predecessor (sequence - 1) in this batch, so no order's event overtakes
 * an earlier one of the same order, whatever the rows' ids.
 */
public record OutgoingBatch(
        List<PendingEvent> events, List<String> bodies, Map<String, String> rejected) {

    /** {@code rows} as the claim gives them: each order's rows together, in its sequence. */
    public static OutgoingBatch of(List<PendingEvent> rows) {
        List<PendingEvent> events = new ArrayList<>(rows.size());
        List<String> bodies = new ArrayList<>(rows.size());
        Map<String, String> rejected = new LinkedHashMap<>();
        Set<String> stuckOrders = new HashSet<>();
        Map<String, Integer> lastSent = new HashMap<>();
        for (PendingEvent row : rows) {
            if (stuckOrders.contains(row.aggregateId())) {
                continue; // stays pending
            }
            Integer previous = lastSent.get(row.aggregateId());
            if (previous != null && previous != row.sequence() - 1) {
                stuckOrders.add(row.aggregateId()); // a gap: waits for its predecessor
                continue;
            }
            try {
                bodies.add(EventMessages.envelope(row));
                events.add(row);
                lastSent.put(row.aggregateId(), row.sequence());
            } catch (InvalidOutboxRowException e) {
                rejected.put(row.eventId(), e.getMessage());
                stuckOrders.add(row.aggregateId());
            }
        }
        return new OutgoingBatch(events, bodies, rejected);
    }

    public List<String> eventIds() {
        return events.stream().map(PendingEvent::eventId).toList();
    }
}
