package org.outboxlab.control;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.outboxlab.contract.Partitions;
import org.outboxlab.scenario.UnderLoad;

/**
 * Waits for the relay's partitions to settle on a set of owners, as the lease tables show them, and
 * fails the scenario if they do not within {@link #TAKEOVER_WAIT}.
 */
final class PartitionOwners {

    /**
     * Longest wait for a takeover before the scenario fails: far past two leases (a node frozen
     * inside a relay batch holds its partitions until PostgreSQL ends that idle transaction, a
     * lease later) with the default lease of 10 s.
     */
    static final Duration TAKEOVER_WAIT = Duration.ofSeconds(150);

    private final LeaseInspection leases;
    private final UnderLoad load;
    private final Consumer<Duration> takeovers;

    /** {@code takeovers} learns how long node 1 took to own every partition. */
    PartitionOwners(LeaseInspection leases, UnderLoad load, Consumer<Duration> takeovers) {
        this.leases = leases;
        this.load = load;
        this.takeovers = takeovers;
    }

    /**
     * Waits until node 1 holds every partition (node 2 failed); says, reports and returns how long.
     */
    Duration awaitNodeOneAlone() throws InterruptedException, SQLException {
        Duration took = await(Set.of("node-1"));
        load.say("node-1 owns every partition after " + seconds(took) + " s");
        takeovers.accept(took);
        return took;
    }

    /** Waits until nodes 1 and 2 hold every partition between them; returns how long. */
    Duration awaitBothNodes() throws InterruptedException, SQLException {
        return await(Set.of("node-1", "node-2"));
    }

    /**
     * Waits until {@code node} holds the replication slot's lease; returns how long since {@code
     * from}.
     */
    Duration awaitSlotReader(String node, Instant from) throws InterruptedException, SQLException {
        while (true) {
            Optional<String> reader = leases.slotReader();
            Duration took = Duration.between(from, Instant.now());
            if (reader.isPresent() && reader.get().equals(node)) {
                return took;
            }
            if (took.compareTo(TAKEOVER_WAIT) > 0) {
                throw new IllegalStateException(
                        node
                                + " did not take the replication slot within "
                                + TAKEOVER_WAIT.toSeconds()
                                + " s: read by "
                                + reader.orElse("no one"));
            }
            Thread.sleep(100);
        }
    }

    private Duration await(Set<String> owners) throws InterruptedException, SQLException {
        long started = System.nanoTime();
        while (true) {
            Map<String, Integer> held = leases.partitionsByOwner();
            if (held.keySet().equals(owners)
                    && held.values().stream().mapToInt(Integer::intValue).sum()
                            == Partitions.COUNT) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() - started > TAKEOVER_WAIT.toNanos()) {
                throw new IllegalStateException(
                        "the partitions were not owned by "
                                + owners
                                + " within "
                                + TAKEOVER_WAIT.toSeconds()
                                + " s: "
                                + held);
            }
            Thread.sleep(100);
        }
    }

    /** A duration in seconds, one decimal. */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
