package org.outboxlab.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.outboxlab.consume.OrderSequencer.Outcome;

class OrderSequencerTest {

    /** One order's progress in memory: events are their sequence numbers. */
    private static final class Ledger implements OrderSequencer.Ledger<Integer> {
        int last;
        final List<Integer> applied = new ArrayList<>();
        final Map<Integer, Integer> held = new TreeMap<>();
        final List<Integer> duplicates = new ArrayList<>();

        @Override
        public int lastApplied() {
            return last;
        }

        @Override
        public void apply(Integer event, int sequence) {
            assertEquals(event, sequence);
            applied.add(event);
            last = sequence;
        }

        @Override
        public void hold(Integer event, int sequence) {
            held.put(sequence, event);
        }

        @Override
        public Integer held(int sequence) {
            return held.get(sequence);
        }

        @Override
        public void released(int sequence) {
            assertEquals(sequence, held.remove(sequence));
        }

        @Override
        public void duplicate(Integer event) {
            duplicates.add(event);
        }

        Outcome receive(int sequence) {
            return OrderSequencer.receive(this, sequence, sequence);
        }
    }

    @Test
    void eventsInSequenceAreAppliedAsTheyArrive() {
        Ledger ledger = new Ledger();
        for (int sequence = 1; sequence <= 3; sequence++) {
            assertEquals(Outcome.APPLIED, ledger.receive(sequence));
        }
        assertEquals(List.of(1, 2, 3), ledger.applied);
        assertTrue(ledger.held.isEmpty());
    }

    @Test
    void earlyEventsAreHeldUntilTheGapFillsThenAppliedInOrder() {
        Ledger ledger = new Ledger();
        assertEquals(Outcome.HELD, ledger.receive(3));
        assertEquals(Outcome.HELD, ledger.receive(2));
        assertEquals(List.of(), ledger.applied, "nothing applied past a gap");

        assertEquals(Outcome.APPLIED, ledger.receive(1));

        assertEquals(List.of(1, 2, 3), ledger.applied);
        assertTrue(ledger.held.isEmpty(), "every held event released");
    }

    @Test
    void drainingStopsAtTheNextGap() {
        Ledger ledger = new Ledger();
        ledger.receive(1);
        ledger.receive(3);
        ledger.receive(5);

        assertEquals(Outcome.APPLIED, ledger.receive(2));
        assertEquals(List.of(1, 2, 3), ledger.applied);
        assertEquals(List.of(5), List.copyOf(ledger.held.keySet()), "5 waits for 4");

        ledger.receive(4);
        assertEquals(List.of(1, 2, 3, 4, 5), ledger.applied);
    }

    @Test
    void anEventAtOrBelowTheAppliedSequenceIsADuplicate() {
        Ledger ledger = new Ledger();
        ledger.receive(2);
        ledger.receive(1);

        assertEquals(Outcome.DUPLICATE, ledger.receive(1));
        assertEquals(Outcome.DUPLICATE, ledger.receive(2), "a drained event delivered again");

        assertEquals(List.of(1, 2), ledger.applied, "nothing applied twice");
        assertEquals(List.of(1, 2), ledger.duplicates);
    }

    @Test
    void drainAfterAReleasedGapAppliesTheHeldEventsBehindIt() {
        Ledger ledger = new Ledger();
        ledger.receive(1);
        ledger.receive(4);
        ledger.receive(5);
        ledger.receive(7);
        ledger.last = 3; // an operator released the gap: 2 and 3 will never come

        assertEquals(2, OrderSequencer.drain(ledger));
        assertEquals(List.of(1, 4, 5), ledger.applied);
        assertEquals(List.of(7), List.copyOf(ledger.held.keySet()));
    }

    @Test
    void everyArrivalOrderWithRedeliveriesAppliesEachEventOnceInSequence() {
        for (List<Integer> order : permutations(List.of(1, 2, 3, 4, 5))) {
            Ledger ledger = new Ledger();
            for (int sequence : order) {
                ledger.receive(sequence);
                if (sequence <= ledger.last) {
                    assertEquals(Outcome.DUPLICATE, ledger.receive(sequence), order.toString());
                }
            }
            assertEquals(List.of(1, 2, 3, 4, 5), ledger.applied, order.toString());
            assertTrue(ledger.held.isEmpty(), order.toString());
        }
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Integer>> all = new ArrayList<>();
        for (Integer first : items) {
            List<Integer> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> permutation = new ArrayList<>(List.of(first));
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }
}
