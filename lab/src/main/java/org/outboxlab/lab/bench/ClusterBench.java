package org.outboxlab.lab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.outboxlab.contract.Partitions;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.control.Command;
import org.outboxlab.control.ConsumerDelivery;
import org.outboxlab.control.LabPorts;
import org.outboxlab.control.LabTopology;
import org.outboxlab.lab.LabParts;

/**
 * The relay shared by N WildFly nodes, each run on a fresh topology (PostgreSQL, the broker, N
 * nodes, no fault tooling): how fast a backlog drains with the consumers stopped (the median of
 * {@link #ROUNDS} backlogs, once every node's JIT has settled: {@link #warmUp}), which share of it
 * each node published, and commit-to-effect latency of OUTBOX orders offered at a fixed rate (after
 * an untimed run of the same load), spread over the nodes.
 */
final class ClusterBench {

    /**
     * One node count's figures.
     *
     * @param backlog events in each round's backlog
     * @param warmUps warm-up backlogs drained before the rounds
     * @param drainRounds events/s of each round, in order
     * @param shares events published by each node, over all rounds
     * @param drainCpuSeconds CPU seconds each part of the machine used while the rounds drained
     * @param drainJvm each node's JIT compile and GC time over the rounds
     */
    record Result(
            int nodes,
            int backlog,
            int warmUps,
            List<Double> drainRounds,
            Map<String, Long> shares,
            Map<String, Double> drainCpuSeconds,
            Map<String, JvmCounters> drainJvm,
            int offered,
            double achievedPerSec,
            EndToEnd.Result endToEnd) {

        /** The median round's drain rate. */
        double drainPerSec() {
            List<Double> sorted = drainRounds.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        /** Events drained over all rounds. */
        long drained() {
            return (long) backlog * drainRounds.size();
        }
    }

    /** Events each node relays in one warm-up backlog. */
    static final int WARM_UP_PER_NODE = 10_000;

    /**
     * A node is warm once its JIT compilers spent less than this on a warm-up backlog. Measured
     * cold or half warm, a node spends tens of seconds compiling within the drain (21 s in 5 rounds
     * of one node, 26 s on each of two nodes, here), and N nodes pay that N times over, which a
     * cluster that has run for a while does not.
     */
    static final double WARM_COMPILE_SECONDS = 1.0;

    /** Warm-up backlogs at most, warm or not. */
    static final int MAX_WARM_UPS = 12;

    /**
     * Backlogs drained one after another at each node count, the median reported: a drain lasts a
     * few seconds, and this machine's speed wanders by more than the difference measured.
     */
    static final int ROUNDS = 5;

    private ClusterBench() {}

    /**
     * Runs one node count on a broker pair or a single broker, the end-to-end orders drawn from
     * {@code catalogue} (installed first); with {@code jfr} set, each node records a JDK Flight
     * Recorder profile of the drain alone ({@code cluster-<n>nodes-node-<i>.jfr}).
     */
    static Result measure(
            Path root,
            int nodes,
            boolean brokerPair,
            int backlog,
            int rate,
            Catalogue catalogue,
            Duration seconds,
            Path jfr)
            throws IOException, InterruptedException, SQLException {
        try (LabTopology lab =
                new LabTopology(
                                root.resolve("jms-config"),
                                LabParts.of(root),
                                root.resolve("lab/target/bench-cluster"),
                                new LabPorts(BenchTopology.PG_PORT, BenchTopology.BROKER_PORT, 0),
                                false)
                        .nodes(nodes, brokerPair)) {
            lab.start();
            awaitEvenSplit(lab, nodes);
            for (int node = 1; node <= nodes; node++) {
                lab.cli(node, ConsumerDelivery.stop());
            }
            int warmUps = warmUp(lab, nodes);
            List<Double> rounds = new ArrayList<>();
            Map<String, Long> shares = new TreeMap<>();
            Map<String, Double> cpu = new TreeMap<>();
            recordDrain(lab, nodes, jfr, true);
            Map<String, JvmCounters> jvmBefore = jvmCounters(lab, nodes);
            for (int round = 1; round <= ROUNDS; round++) {
                String run = "c" + nodes + "-" + round + "-" + System.nanoTime() % 100000;
                try (Connection db = lab.database()) {
                    RelayBench.insertBacklog(db, run, backlog);
                    CpuAccount before = CpuAccount.read(nodePids(lab, nodes));
                    rounds.add(RelayBench.drainRate(db, run, backlog));
                    CpuAccount.read(nodePids(lab, nodes))
                            .secondsSince(before)
                            .forEach((part, used) -> cpu.merge(part, used, Double::sum));
                }
                publishers(lab, run).forEach((node, count) -> shares.merge(node, count, Long::sum));
                purgeConsumerQueues(lab);
            }
            Map<String, JvmCounters> jvm = new TreeMap<>();
            jvmCounters(lab, nodes)
                    .forEach((node, after) -> jvm.put(node, after.since(jvmBefore.get(node))));
            recordDrain(lab, nodes, jfr, false);
            for (int node = 1; node <= nodes; node++) {
                lab.cli(node, ConsumerDelivery.start());
            }
            try (java.sql.Connection db = lab.database()) {
                catalogue.install(db);
            }
            LoadDriver driver = new LoadDriver(lab.baseUris()).choosingFrom(catalogue);
            // the write path and the consumers have not run yet on these JVMs: one untimed run of
            // the same load first, its events applied, as the relay had its warm-up
            String warmUp = "cew-" + nodes + "-" + System.nanoTime() % 100000;
            driver.openLoop(WriteMode.OUTBOX.name(), warmUp, rate, seconds);
            EndToEnd.measure(lab::database, warmUp, Duration.ofSeconds(60));
            String prefix = "ce-" + nodes + "-" + System.nanoTime() % 100000;
            LoadDriver.Outcome offered =
                    driver.openLoop(WriteMode.OUTBOX.name(), prefix, rate, seconds);
            EndToEnd.Result e2e = EndToEnd.measure(lab::database, prefix, Duration.ofSeconds(60));
            return new Result(
                    nodes,
                    backlog,
                    warmUps,
                    rounds,
                    shares,
                    cpu,
                    jvm,
                    rate,
                    offered.ordersPerSec(),
                    e2e);
        }
    }

    /**
     * Drains warm-up backlogs of {@link #WARM_UP_PER_NODE} events a node until every node compiled
     * for less than {@link #WARM_COMPILE_SECONDS} during one (at most {@link #MAX_WARM_UPS});
     * returns how many it drained.
     */
    private static int warmUp(LabTopology lab, int nodes)
            throws SQLException, InterruptedException {
        for (int warmUp = 1; ; warmUp++) {
            Map<String, JvmCounters> before = jvmCounters(lab, nodes);
            try (Connection db = lab.database()) {
                String run = "cw" + nodes + "-" + warmUp + "-" + System.nanoTime() % 100000;
                RelayBench.insertBacklog(db, run, WARM_UP_PER_NODE * nodes);
                RelayBench.drainRate(db, run, WARM_UP_PER_NODE * nodes);
            }
            purgeConsumerQueues(lab);
            double most = 0;
            for (Map.Entry<String, JvmCounters> after : jvmCounters(lab, nodes).entrySet()) {
                most =
                        Math.max(
                                most,
                                after.getValue()
                                        .since(before.get(after.getKey()))
                                        .compileSeconds());
            }
            if (most < WARM_COMPILE_SECONDS || warmUp == MAX_WARM_UPS) {
                return warmUp;
            }
        }
    }

    private static void purgeConsumerQueues(LabTopology lab) {
        for (String queue : List.of("FulfilmentEvents", "NotificationEvents", "LedgerEvents")) {
            lab.manageBroker("queue." + queue, "removeAllMessages");
        }
    }

    private static Map<String, JvmCounters> jvmCounters(LabTopology lab, int nodes) {
        Map<String, JvmCounters> counters = new TreeMap<>();
        for (int node = 1; node <= nodes; node++) {
            counters.put("node-" + node, JvmCounters.read(lab.node(node).pid()));
        }
        return counters;
    }

    private static Map<Long, String> nodePids(LabTopology lab, int nodes) {
        Map<Long, String> pids = new TreeMap<>();
        for (int node = 1; node <= nodes; node++) {
            pids.put(lab.node(node).pid(), "node-" + node);
        }
        return pids;
    }

    /** Starts or stops (writing the file) each node's drain recording, through {@code jcmd}. */
    private static void recordDrain(LabTopology lab, int nodes, Path jfr, boolean start)
            throws IOException {
        if (jfr == null) {
            return;
        }
        java.nio.file.Files.createDirectories(jfr);
        for (int node = 1; node <= nodes; node++) {
            String pid = Long.toString(lab.node(node).pid());
            Command.Result result =
                    start
                            ? Command.run(
                                    Map.of(),
                                    30,
                                    "jcmd",
                                    pid,
                                    "JFR.start",
                                    "name=drain",
                                    "settings=profile",
                                    "filename="
                                            + jfr.resolve(
                                                    "cluster-"
                                                            + nodes
                                                            + "nodes-node-"
                                                            + node
                                                            + ".jfr"))
                            : Command.run(Map.of(), 60, "jcmd", pid, "JFR.stop", "name=drain");
            if (result.exitCode() != 0) {
                throw new IllegalStateException("jcmd " + pid + ": " + result.output());
            }
        }
    }

    private static void awaitEvenSplit(LabTopology lab, int nodes)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, Integer> owners = lab.leases().partitionsByOwner();
            if (owners.size() == nodes
                    && owners.values().stream().mapToInt(Integer::intValue).sum()
                            == Partitions.COUNT) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        nodes + " nodes did not share the partitions within 60 s: " + owners);
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, Long> publishers(LabTopology lab, String run) throws SQLException {
        Map<String, Long> shares = new TreeMap<>();
        try (Connection db = lab.database();
                PreparedStatement ps =
                        db.prepareStatement(
                                "select published_by, count(*) from outbox_event"
                                        + " where aggregate_id like ? group by published_by")) {
            ps.setString(1, run + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shares.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return shares;
    }
}
