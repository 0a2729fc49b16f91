package org.outboxlab.relay;

/**
 * The relay as everything outside it sees it, whatever its strategy: each committed outbox row is
 * published at least once, an order's events in their sequence, only from the partitions this node
 * holds a lease on; while paused nothing is published on any node. The console, the cluster's
 * signals, the write path's nudge and the test support hold this port, never a strategy's class.
 */
public interface OutboxRelay {

    /**
     * Switches the relay off on every node: no batch that starts after this returns publishes, here
     * or on another node.
     */
    void pause();

    /**
     * Switches the relay on again on every node (and on this one if it started paused); the backlog
     * drains on the relay's own thread, not the caller's.
     */
    void resume();

    /** Asks for a drain soon, on the relay's thread; coalesces with a drain already running. */
    void nudge();

    /**
     * As {@link #nudge()}, after an order's commit at {@code requestedAtNanos} ({@link
     * System#nanoTime()}); the commit proves the database is up, so a back-off from a database
     * outage ends here.
     */
    void nudge(long requestedAtNanos);

    /**
     * Publishes until the outbox is empty, the relay is paused, or the broker fails: one lane on
     * the caller's thread, the node's other lanes on the server's managed executor, returning once
     * every lane is done. Returns the number of rows handled by this call (0 for a lane whose drain
     * was already running).
     */
    int drain();

    /** Applies a new interval and batch size at once; refuses values outside their ranges. */
    void configure(long intervalMs, int batchSize);

    /** What the relay is doing now, on this node. */
    State state();

    /**
     * The relay's state as an operator reads it.
     *
     * @param paused off on every node (the cluster's switch) or on this one
     * @param brokerOutage backing off because the broker is unreachable
     * @param intervalMs how often it drains without a nudge
     * @param batchSize how many rows one broker transaction publishes at most
     */
    record State(boolean paused, boolean brokerOutage, long intervalMs, int batchSize) {}
}
