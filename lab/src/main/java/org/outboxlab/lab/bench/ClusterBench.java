package org.outboxlab.lab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.outboxlab.contract.Partitions;
import org.outboxlab.control.LabPorts;
import org.outboxlab.control.LabTopology;
import org.outboxlab.lab.LabParts;

/**
 * The relay shared by N WildFly nodes, each run on a fresh topology (PostgreSQL, the broker, N
 * nodes, no fault tooling): how fast one backlog drains with the consumers stopped, which share of
 * it each node published, and commit-to-effect latency of OUTBOX orders offered at a fixed rate,
 * spread over the nodes.
 */
final class ClusterBench {

    /**
     * One node count's figures.
     *
     * @param shares events published by each node, of the backlog
     */
    record Result(
            int nodes,
            int backlog,
            double drainPerSec,
            Map<String, Long> shares,
            int offered,
            double achievedPerSec,
            EndToEnd.Result endToEnd) {}

    private static final List<String> CONSUMERS =
            List.of("FulfilmentConsumer", "NotificationConsumer", "LedgerConsumer");

    private ClusterBench() {}

    static Result measure(Path root, int nodes, int backlog, int rate, Duration seconds)
            throws IOException, InterruptedException, SQLException {
        try (LabTopology lab =
                new LabTopology(
                                root.resolve("jms-config"),
                                LabParts.of(root),
                                root.resolve("lab/target/bench-cluster"),
                                new LabPorts(BenchTopology.PG_PORT, BenchTopology.BROKER_PORT, 0),
                                false)
                        .nodes(nodes)) {
            lab.start();
            awaitEvenSplit(lab, nodes);
            for (int node = 1; node <= nodes; node++) {
                delivery(lab, node, "stop-delivery");
            }
            String run = "c" + nodes + "-" + System.nanoTime() % 100000;
            double drain;
            try (Connection db = lab.database()) {
                RelayBench.insertBacklog(db, run, backlog);
                drain = RelayBench.drainRate(db, run, backlog);
            }
            Map<String, Long> shares = publishers(lab, run);
            for (String queue : List.of("FulfilmentEvents", "NotificationEvents", "LedgerEvents")) {
                lab.manageBroker("queue." + queue, "removeAllMessages");
            }
            for (int node = 1; node <= nodes; node++) {
                delivery(lab, node, "start-delivery");
            }
            LoadDriver driver = new LoadDriver(lab.baseUris());
            String prefix = "ce-" + nodes + "-" + System.nanoTime() % 100000;
            LoadDriver.Outcome offered = driver.openLoop("OUTBOX", prefix, rate, seconds);
            EndToEnd.Result e2e = EndToEnd.measure(lab::database, prefix, Duration.ofSeconds(60));
            return new Result(nodes, backlog, drain, shares, rate, offered.ordersPerSec(), e2e);
        }
    }

    private static void awaitEvenSplit(LabTopology lab, int nodes)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, Integer> owners = lab.partitionsByOwner();
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

    private static void delivery(LabTopology lab, int node, String operation) {
        StringBuilder commands = new StringBuilder();
        for (String mdb : CONSUMERS) {
            if (commands.length() > 0) {
                commands.append(',');
            }
            commands.append(
                            "/deployment=outbox.ear/subdeployment=outbox-ejb.jar/subsystem=ejb3/message-driven-bean=")
                    .append(mdb)
                    .append(':')
                    .append(operation);
        }
        lab.cli(node, commands.toString());
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
