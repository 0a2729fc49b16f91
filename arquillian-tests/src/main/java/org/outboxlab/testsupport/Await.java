package org.outboxlab.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a bound passes; a test never sleeps a fixed time instead. */
public final class Await {

    private Await() {}

    /**
     * Returns once {@code condition} holds; fails with {@code what} and the last observed state
     * after {@code timeout}.
     */
    public static void until(
            String what, Duration timeout, Supplier<Boolean> condition, Supplier<?> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after "
                                + timeout.toSeconds()
                                + " s waiting for "
                                + what
                                + "; last state: "
                                + state.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
