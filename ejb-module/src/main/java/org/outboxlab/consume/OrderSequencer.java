package org.outboxlab.consume;

/**
 * Applies one consumer's events of one order in the order's sequence, whatever order they arrive
 * in: an event next in line is applied, followed by the held events behind it for as long as there
 * is no gap; an event that came early is held; an event at or below the last applied sequence is a
 * duplicate and changes nothing. It decides only: what "apply", "hold" and "duplicate" mean is the
 * {@link Ledger}'s, in the caller's transaction.
 */
final class OrderSequencer {

    /** What an arriving event did. */
    enum Outcome {
        APPLIED,
        HELD,
        DUPLICATE
    }

    /** One consumer's progress and held events of one order. */
    interface Ledger<E> {

        /** The last sequence applied without a gap; 0 before the order's first event. */
        int lastApplied();

        /** Applies {@code event}'s effect and records {@code sequence} as the last applied. */
        void apply(E event, int sequence);

        /** Keeps {@code event} until the events before {@code sequence} are applied. */
        void hold(E event, int sequence);

        /** The held event of {@code sequence}, or {@code null}. */
        E held(int sequence);

        /** Forgets the held event of {@code sequence}, which was just applied. */
        void released(int sequence);

        /** Counts a delivery of an event that was applied before. */
        void duplicate(E event);
    }

    private OrderSequencer() {}

    /** Applies, holds or absorbs {@code event}, which carries {@code sequence}. */
    static <E> Outcome receive(Ledger<E> ledger, E event, int sequence) {
        int last = ledger.lastApplied();
        if (sequence <= last) {
            ledger.duplicate(event);
            return Outcome.DUPLICATE;
        }
        if (sequence > last + 1) {
            ledger.hold(event, sequence);
            return Outcome.HELD;
        }
        ledger.apply(event, sequence);
        drain(ledger);
        return Outcome.APPLIED;
    }

    /**
     * Applies the held events that follow the last applied one, in sequence, up to the first gap;
     * returns how many.
     */
    static <E> int drain(Ledger<E> ledger) {
        int applied = 0;
        while (true) {
            int next = ledger.lastApplied() + 1;
            E held = ledger.held(next);
            if (held == null) {
                return applied;
            }
            ledger.apply(held, next);
            ledger.released(next);
            applied++;
        }
    }
}
