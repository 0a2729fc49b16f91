package org.outboxlab.relay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outboxlab.broker.EventMessages;
import org.outboxlab.broker.InvalidOutboxRowException;
import org.outboxlab.outbox.PendingEvent;

/**
 * Claimed rows, oldest first, split three ways before anything is sent: the events that go out with
 * their message bodies, the rows that cannot become a message (to be marked FAILED, with the
 * reason), and the rows of an order behind such a row, which stay pending so that no order's event
 * overtakes an earlier one of the same order.
 */
record OutgoingBatch(List<PendingEvent> events, List<String> bodies, Map<String, String> rejected) {

    static OutgoingBatch of(List<PendingEvent> rows) {
        List<PendingEvent> events = new ArrayList<>(rows.size());
        List<String> bodies = new ArrayList<>(rows.size());
        Map<String, String> rejected = new LinkedHashMap<>();
        Set<String> stuckOrders = new HashSet<>();
        for (PendingEvent row : rows) {
            if (stuckOrders.contains(row.aggregateId())) {
                continue; // stays pending
            }
            try {
                bodies.add(EventMessages.envelope(row));
                events.add(row);
            } catch (InvalidOutboxRowException e) {
                rejected.put(row.eventId(), e.getMessage());
                stuckOrders.add(row.aggregateId());
            }
        }
        return new OutgoingBatch(events, bodies, rejected);
    }

    List<String> eventIds() {
        return events.stream().map(PendingEvent::eventId).toList();
    }
}
