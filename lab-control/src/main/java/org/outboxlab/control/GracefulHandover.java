package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.outboxlab.control.LeaseInspection.LeaseMoment;

/**
 * How a stopping node's partitions passed to another, watched in the lease table while it stops:
 * when the stopping node's latest lease would have run out, when it held none any more (released),
 * and when the other held them all. A graceful stop must hand over before the leases run out: a
 * handover after that is what a node that left without giving them up produces.
 *
 * @param leaseEnd the stopping node's latest lease end seen (database clock, epoch seconds)
 * @param released when it held no unexpired partition any more
 * @param takenOver when the other node held every partition
 */
record GracefulHandover(double leaseEnd, double released, double takenOver) {

    /**
     * Polls the leases every 20 ms until {@code to} holds every partition, at most {@code wait};
     * fails if {@code from} was never seen holding one.
     */
    static GracefulHandover watch(LeaseInspection leases, String from, String to, Duration wait)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        double leaseEnd = Double.NaN;
        double released = Double.NaN;
        while (true) {
            LeaseMoment m = leases.moment(from, to);
            if (!Double.isNaN(m.fromLeaseEnd())
                    && (Double.isNaN(leaseEnd) || m.fromLeaseEnd() > leaseEnd)) {
                leaseEnd = m.fromLeaseEnd();
            }
            if (m.fromHeld() == 0 && Double.isNaN(released)) {
                released = m.now();
            }
            if (m.toHeld() == m.partitions()) {
                if (Double.isNaN(leaseEnd)) {
                    throw new IllegalStateException(
                            from + " held no partition when it began to stop");
                }
                return new GracefulHandover(leaseEnd, released, m.now());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        to + " did not hold every partition within " + wait.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Whether the other node held every partition before the stopping node's leases ran out. */
    boolean beforeLeasesRanOut() {
        return takenOver < leaseEnd;
    }

    /** From the release to the other node holding every partition. */
    Duration afterRelease() {
        return Duration.ofMillis(Math.round((takenOver - released) * 1000));
    }

    /**
     * Seconds between the handover and the end of the stopping node's leases, one decimal: how long
     * before they ran out, or after if the handover came late.
     */
    String margin() {
        return String.format(Locale.ROOT, "%.1f", Math.abs(leaseEnd - takenOver));
    }
}
