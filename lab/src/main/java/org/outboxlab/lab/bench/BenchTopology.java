package org.outboxlab.lab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.outboxlab.control.LabPorts;
import org.outboxlab.control.LabTopology;
import org.outboxlab.control.ServerProcess;
import org.outboxlab.lab.LabParts;

/**
 * The benchmark's processes, each on its own, on loopback: the lab's topology (PostgreSQL, a
 * standalone Artemis broker, a stock WildFly configured for both, with the EAR) without fault
 * tooling. WildFly can be restarted with other system properties between measurements.
 */
final class BenchTopology implements AutoCloseable {

    static final int PG_PORT = 25440;
    static final int BROKER_PORT = 61640;

    private final Path work;
    private final LabTopology lab;
    private final Path jfr;
    private final List<String> serverOptions;
    private int recordings;

    /**
     * @param root the project's root directory (for jms-config and the built parts)
     * @param work where the benchmark keeps its servers and data
     */
    BenchTopology(Path root, Path work, Path jfr, String... serverOptions) {
        this.work = work;
        this.serverOptions = List.of(serverOptions);
        this.lab =
                new LabTopology(
                        root.resolve("jms-config"),
                        LabParts.of(root),
                        work,
                        new LabPorts(PG_PORT, BROKER_PORT, 0),
                        false);
        this.jfr = jfr;
    }

    /**
     * Creates everything afresh and starts PostgreSQL, the broker and WildFly, which gets the
     * benchmark's options and the {@code --server-property} ones on this and every later start.
     */
    void start() throws IOException, InterruptedException {
        List<String> options =
                new java.util.ArrayList<>(
                        List.of("-Doutbox.bench.baseline-enabled=true", "-Xmx2g"));
        options.addAll(serverOptions);
        lab.start(options.toArray(String[]::new));
        if (jfr != null) {
            restart();
        }
    }

    /**
     * Restarts WildFly with the benchmark's settings plus {@code properties} ({@code
     * -Dname=value}); with a JFR directory, each server run records a profile there, named by its
     * properties.
     */
    void restart(String... properties) throws IOException, InterruptedException {
        lab.stopServer();
        List<String> options = new java.util.ArrayList<>(List.of(properties));
        if (jfr != null) {
            java.nio.file.Files.createDirectories(jfr);
            String name =
                    String.format(
                            Locale.ROOT,
                            "wildfly-%02d%s.jfr",
                            ++recordings,
                            String.join("", properties)
                                    .replaceAll("[^A-Za-z0-9.=-]+", "_")
                                    .replace("-Doutbox.", "_"));
            options.add(
                    "-XX:StartFlightRecording=filename="
                            + jfr.resolve(name)
                            + ",settings=profile,dumponexit=true");
        }
        lab.startServer(options.toArray(String[]::new));
    }

    ServerProcess server() {
        return lab.server();
    }

    /** A JDBC connection to the database of record, as the application's user. */
    Connection database() throws SQLException {
        return lab.database();
    }

    /** A JDBC connection as the database's superuser (statement statistics). */
    Connection databaseAsSuperuser() throws SQLException {
        return lab.databaseAsSuperuser();
    }

    /**
     * A JMS connection factory logging in as the broker's administrator (probe addresses,
     * management).
     */
    org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory brokerAdminFactory() {
        return lab.brokerAdminFactory();
    }

    /** Runs a {@code count(*)} query whose one parameter is a LIKE pattern: {@code prefix%}. */
    static long countLike(Connection db, String sql, String prefix) throws SQLException {
        try (java.sql.PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, prefix + "%");
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The standalone broker's process id (its pid file), for a heap reading. */
    long brokerPid() throws IOException {
        return Long.parseLong(
                java.nio.file.Files.readString(lab.work().resolve("artemis/broker.pid")).trim());
    }

    String brokerUrl() {
        return lab.brokerUrl();
    }

    /** Runs WildFly CLI commands against the running server (local, as root: no password). */
    String cli(String commands) {
        return lab.cli(commands);
    }

    /** Invokes a broker management operation as administrator, e.g. a queue's countMessages. */
    Object manageBroker(String resource, String operation) {
        return lab.manageBroker(resource, operation);
    }

    /**
     * Empties the three consumer queues on the broker (its management operation removeAllMessages,
     * as administrator).
     */
    void purgeConsumerQueues() {
        for (String queue : List.of("FulfilmentEvents", "NotificationEvents", "LedgerEvents")) {
            lab.manageBroker("queue." + queue, "removeAllMessages");
        }
    }

    @Override
    public void close() throws InterruptedException {
        lab.close();
    }
}
