package org.outboxlab.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.outboxlab.contract.FaultPlan;
import org.outboxlab.scenario.EffectKeyViolations;
import org.outboxlab.scenario.LabTarget;

/**
 * The lab's processes on loopback, each able to fail alone: PostgreSQL ({@link PostgresProcess}), a
 * standalone Artemis broker or pair ({@link BrokerPair}) and one to three stock WildFly nodes
 * ({@link WildFlyNodes}) configured as an operator would ({@link ServerConfiguration}), with the
 * EAR, fault injection enabled and the Byteman agent carrying the XA crash point. A killed WildFly
 * restarts on the same data directory, so Narayana finds its transaction log and recovers what was
 * in doubt. What it reads back: the relay's leases ({@link LeaseInspection}), dead letters and the
 * transaction log ({@link TransactionLog}).
 */
public final class LabTopology implements LabTarget, AutoCloseable {

    private static final String LAB_USER = "outbox-lab";

    private final Path jmsConfig;
    private final Path work;
    private final ServerParts parts;
    private final PostgresProcess postgres;
    private final int postgresPort;
    private final WildFlyNodes nodes;
    private final LeaseInspection leases = new LeaseInspection(this);
    private final ServerConfiguration configuration;
    private BrokerPair broker;

    /** Node 2's path to PostgreSQL, if it goes through one the lab can cut; else null. */
    private DatabaseLink nodeTwoLink;

    /** The fault plan's user's ({@code outbox-lab}) password, made for this topology. */
    private final String labPassword = UUID.randomUUID().toString();

    /**
     * The lab's topology, with fault injection enabled and the Byteman agent on WildFly.
     *
     * @param jmsConfig the project's {@code jms-config} directory (the scripts that run and
     *     configure the servers)
     * @param parts the servers and the EAR, from the caller's build
     * @param work where the lab keeps its servers and their data; emptied by {@link #start}
     * @param ports where the processes listen
     */
    public LabTopology(Path jmsConfig, ServerParts parts, Path work, LabPorts ports) {
        this(jmsConfig, parts, work, ports, true);
    }

    /**
     * As above; without {@code faultTooling} WildFly runs as shipped: no fault plan, no agent (the
     * benchmark).
     */
    public LabTopology(
            Path jmsConfig, ServerParts parts, Path work, LabPorts ports, boolean faultTooling) {
        this.jmsConfig = jmsConfig;
        this.parts = parts;
        this.work = work;
        this.postgresPort = ports.postgres();
        this.postgres =
                new PostgresProcess(
                        jmsConfig, work.resolve("postgres"), parts.postgres(), ports.postgres());
        this.configuration = new ServerConfiguration(jmsConfig, parts, work, faultTooling);
        this.nodes = new WildFlyNodes(work.resolve("wildfly"), parts, configuration, ports);
        this.broker =
                BrokerPair.single(
                        jmsConfig, work.resolve("artemis"), parts.artemis(), ports.broker());
    }

    /**
     * Runs {@code count} WildFly nodes (1 to 3) instead of one, sharing the database and the
     * broker: node {@code i} is named {@code node-i} (Narayana node identifier {@code outbox-i}),
     * has a base directory of its own and listens at the topology's port offset plus {@code 100 *
     * (i - 1)}; the broker is a primary/backup pair when there are several nodes. Call before
     * {@link #start}.
     */
    public LabTopology nodes(int count) {
        return nodes(count, count > 1);
    }

    /**
     * As {@link #nodes(int)}, with the broker as a primary/backup pair ({@code brokerPair}) or a
     * single broker, whatever the node count.
     */
    public LabTopology nodes(int count, boolean brokerPair) {
        nodes.count(count);
        if (brokerPair) {
            broker =
                    BrokerPair.pair(
                            jmsConfig, work.resolve("artemis"), parts.artemis(), broker.port());
        }
        return this;
    }

    /**
     * Sends node 2's database connections through a link of the lab's ({@code node-cut-off} cuts
     * it: node 2 loses PostgreSQL while node 1 keeps it), on this and every later start of node 2.
     * Call after {@link #nodes} and before {@link #start}; without it node 2 connects directly.
     */
    public LabTopology linkNodeTwoToTheDatabase() {
        if (nodeTwoLink == null) {
            nodeTwoLink = DatabaseLink.to(postgresPort);
            nodes.databasePort(2, nodeTwoLink.port());
        }
        return this;
    }

    /**
     * Cuts node 2 off from PostgreSQL: its connections are closed and new ones refused until {@link
     * #reconnectNodeTwo}; node 1 still reaches the database. Returns how many connections of node 2
     * were cut; fails unless node 2 goes through the lab's link.
     */
    public long cutNodeTwoOff() {
        return requireLink().cut();
    }

    /**
     * Lets node 2 reach PostgreSQL again after {@link #cutNodeTwoOff}; returns how many connections
     * node 2 tried to open, and was refused, while it was cut off.
     */
    public long reconnectNodeTwo() {
        return requireLink().mend();
    }

    /** Whether node 2's database connections go through a link the lab can cut. */
    public boolean nodeTwoLinked() {
        return nodeTwoLink != null;
    }

    private DatabaseLink requireLink() {
        if (nodeTwoLink == null) {
            throw new IllegalStateException(
                    "node 2 reaches PostgreSQL directly; call linkNodeTwoToTheDatabase() before"
                            + " start()");
        }
        return nodeTwoLink;
    }

    /**
     * Creates everything afresh under the work directory and starts all processes; WildFly gets
     * {@code serverOptions} ({@code -Dname=value}, JVM options) on this and every later start.
     */
    public void start(String... serverOptions) throws IOException, InterruptedException {
        nodes.addOptions(List.of(serverOptions));
        Directories.deleteRecursively(work);
        Files.createDirectories(work);
        // The database and the broker start while WildFly is copied and configured: the
        // configuration is written offline (an embedded CLI server) and needs neither running.
        CompletableFuture<Void> servers =
                CompletableFuture.runAsync(
                        () -> {
                            startDatabase();
                            broker.startAll();
                        });
        try {
            nodes.copyStock();
            configuration.configure(
                    nodes.home(),
                    broker.port(),
                    broker.isPair() ? broker.backupPort() : null,
                    labPassword,
                    postgres.password(),
                    postgres.replicationPassword(),
                    broker.password());
        } finally {
            awaitStarted(servers);
        }
        nodes.copyBaseDirectories();
        nodes.startAll();
    }

    /** Waits for {@code servers} to have started; rethrows what stopped them. */
    private static void awaitStarted(CompletableFuture<Void> servers) {
        try {
            servers.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * Stops every WildFly node gracefully and starts them again on their data with {@code
     * serverOptions} added, on this and every later start (a later {@code -Dname=value} overrides
     * an earlier one); returns once all serve orders.
     */
    public void restartServers(String... serverOptions) throws IOException, InterruptedException {
        for (int node = nodes.count(); node >= 1; node--) {
            node(node).close();
        }
        nodes.addOptions(List.of(serverOptions));
        nodes.startAll();
    }

    /** Starts node 1 on its existing data with {@code extraOptions}; returns once it serves. */
    public void startServer(String... extraOptions) throws IOException, InterruptedException {
        nodes.start(1, extraOptions);
    }

    /** Starts node {@code node} on its existing data; returns once it serves orders. */
    public void startNode(int node, String... extraOptions)
            throws IOException, InterruptedException {
        nodes.start(node, extraOptions);
    }

    /** Stops WildFly (node 1) gracefully. */
    public void stopServer() throws InterruptedException {
        node(1).close();
    }

    /** Kills WildFly (node 1, SIGKILL). */
    public void killServer() throws InterruptedException {
        node(1).kill();
    }

    /** Node 1. */
    public ServerProcess server() {
        return node(1);
    }

    /** Node {@code node} (1-based), as last started. */
    public ServerProcess node(int node) {
        return nodes.node(node);
    }

    /** The order API's base URI on node {@code node}. */
    public URI baseUri(int node) {
        return nodes.baseUri(node);
    }

    /** Node {@code node}'s metrics in Prometheus form, on its management interface. */
    public URI metricsUri(int node) {
        return nodes.metricsUri(node);
    }

    /** Kills PostgreSQL (SIGKILL to all its processes); its data directory survives. */
    public void killDatabase() {
        postgres.kill();
    }

    /** Starts PostgreSQL (after crash recovery if it was killed); returns once it accepts. */
    public void startDatabase() {
        postgres.start();
    }

    /** Waits until the pair's backup accepts connections; returns how long that took. */
    public Duration awaitBackupLive(Duration timeout) throws InterruptedException {
        return broker.awaitBackupLive(timeout);
    }

    /** Kills the broker (SIGKILL; of a pair, the primary); its journal survives. */
    public void killBroker() {
        broker.killPrimary();
    }

    /** Starts the broker (of a pair: the primary) again on its journal. */
    public void startBroker() {
        broker.startPrimary();
    }

    /** A management operation of the broker ({@code pause} on a queue, say), as its admin. */
    public Object manageBroker(String resource, String operation, Object... parameters) {
        return broker.manage(resource, operation, parameters);
    }

    /** A JMS connection factory that logs in as the broker's administrator. */
    public ActiveMQConnectionFactory brokerAdminFactory() {
        return broker.adminFactory();
    }

    public String brokerUrl() {
        return broker.url();
    }

    @Override
    public URI baseUri() {
        return baseUri(1);
    }

    @Override
    public List<URI> baseUris() {
        return nodes.baseUris();
    }

    public Path work() {
        return work;
    }

    /** As the application's database user, who owns the schema {@code outbox} and nothing more. */
    @Override
    public Connection database() throws SQLException {
        return postgres.connect();
    }

    /** A connection as the database's superuser {@code postgres} (statement statistics, say). */
    public Connection databaseAsSuperuser() throws SQLException {
        return postgres.connectAsSuperuser();
    }

    /**
     * Which of this topology's passwords (the database user's and replication role's, the broker
     * user's, the fault-plan user's) {@code file} holds in clear text, by name; empty when none.
     */
    public List<String> passwordsInClear(Path file) throws IOException {
        return new ClearSecrets(
                        Map.of(
                                "the database user's password", postgres.password(),
                                "the replication role's password", postgres.replicationPassword(),
                                "the broker user's password", broker.password(),
                                "the fault-plan user's password", labPassword))
                .foundIn(file);
    }

    /** Node {@code node}'s server configuration, as configure-wildfly.sh wrote it. */
    public Path nodeConfiguration(int node) {
        return nodes.configuration(node);
    }

    /**
     * Whether the application's broker user may use the broker's management address (it must not:
     * only the broker's administrator manages).
     */
    public boolean brokerUserMayManage() {
        return broker.applicationUserMayManage();
    }

    /**
     * Sets the cluster's relay switch in its row ({@code relay_control}), as the console's pause
     * sets it: every node's relay and log reader stop ({@code paused}) or go on; {@code by} is
     * recorded as who changed it.
     */
    public void switchRelay(boolean paused, String by) throws SQLException {
        try (Connection db = database();
                java.sql.PreparedStatement ps =
                        db.prepareStatement(
                                "update relay_control set paused = ?, changed_at = current_timestamp,"
                                        + " changed_by = ? where id = 1")) {
            ps.setBoolean(1, paused);
            ps.setString(2, by);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no relay switch row (relay_control id 1)");
            }
        }
    }

    /** The relay's leases, as the database holds them. */
    public LeaseInspection leases() {
        return leases;
    }

    @Override
    public void faults(FaultPlan plan) {
        new FaultControl(baseUri(), LAB_USER, labPassword).apply(plan);
    }

    @Override
    public Map<String, Set<String>> deadLetters() {
        return broker.deadLetters();
    }

    /** Participants in a heuristic state in node 1's transaction log, after a probe. */
    @Override
    public long heuristics() {
        return TransactionLog.heuristics(this::cli);
    }

    /** Read from PostgreSQL's server log, which survives its kills and restarts. */
    @Override
    public List<String> effectKeyViolations() {
        Path log = postgres.log();
        if (!Files.exists(log)) {
            return null;
        }
        try {
            return EffectKeyViolations.in(
                    new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PostgreSQL's log " + log, e);
        }
    }

    /** Runs WildFly CLI commands against node 1 (local authentication: no password). */
    public String cli(String commands) {
        return cli(1, commands);
    }

    /** Runs WildFly CLI commands against node {@code node} (local authentication). */
    public String cli(int node, String commands) {
        return nodes.cli(node, commands);
    }

    @Override
    public void close() throws InterruptedException {
        nodes.closeAll();
        if (nodeTwoLink != null) {
            nodeTwoLink.close();
        }
        broker.stopAll();
        postgres.stop();
    }
}
