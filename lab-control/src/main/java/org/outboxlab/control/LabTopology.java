package org.outboxlab.control;

import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.outboxlab.scenario.LabTarget;

/**
 * The lab's three processes on loopback, each able to fail alone: PostgreSQL ({@code pg.sh}), a
 * standalone Artemis broker ({@code artemis.sh}) and a stock WildFly configured by {@code
 * configure-wildfly.sh --db postgres --broker remote}, with the EAR, fault injection enabled and
 * the Byteman agent carrying the XA crash point. A killed WildFly restarts on the same data
 * directory, so Narayana finds its transaction log and recovers what was in doubt.
 */
public final class LabTopology implements LabTarget, AutoCloseable {

    private static final Duration SERVER_START = Duration.ofSeconds(240);
    private static final String LAB_USER = "outbox-lab";
    private static final Pattern HEURISTIC = Pattern.compile("\"status\" => \"HEURISTIC");

    private final Path jmsConfig;
    private final Path work;
    private final Path home;
    private final ServerParts parts;
    private final LabPorts ports;
    private BrokerProcess broker;

    /** With two or more nodes, the broker's backup (a pair on one journal); else null. */
    private BrokerProcess backupBroker;

    private final boolean faultTooling;
    private final List<String> serverOptions = new ArrayList<>();

    /**
     * The fault plan's user ({@code outbox-lab}), made for this topology's WildFly with a password
     * of its own.
     */
    private final String labPassword = UUID.randomUUID().toString();

    /**
     * The application's database user's password, and the database superuser's: made for this
     * topology.
     */
    private final String dbPassword = UUID.randomUUID().toString();

    private final String dbSuperuserPassword = UUID.randomUUID().toString();

    /** The WildFly nodes, node 1 first; a node not running is null. */
    private final List<ServerProcess> nodes = new ArrayList<>();

    private int nodeCount = 1;

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
        this.faultTooling = faultTooling;
        this.jmsConfig = jmsConfig;
        this.parts = parts;
        this.work = work;
        this.ports = ports;
        this.home = work.resolve("wildfly");
        this.broker =
                new BrokerProcess(
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
        if (count < 1 || count > 3) {
            throw new IllegalArgumentException("a lab cluster has 1 to 3 nodes, not " + count);
        }
        nodeCount = count;
        if (brokerPair) {
            List<BrokerProcess> pair =
                    BrokerProcess.pair(
                            jmsConfig,
                            work.resolve("artemis"),
                            parts.artemis(),
                            ports.broker(),
                            ports.broker() + 1);
            broker = pair.get(0);
            backupBroker = pair.get(1);
        }
        return this;
    }

    /** How many WildFly nodes this topology runs. */
    public int nodeCount() {
        return nodeCount;
    }

    /**
     * Creates everything afresh under the work directory and starts all processes; WildFly gets
     * {@code serverOptions} ({@code -Dname=value}, JVM options) on this and every later start.
     */
    public void start(String... serverOptions) throws IOException, InterruptedException {
        this.serverOptions.addAll(List.of(serverOptions));
        Directories.deleteRecursively(work);
        Files.createDirectories(work);
        startDatabase();
        broker.start();
        if (backupBroker != null) {
            backupBroker.start();
        }
        Command.Result copy =
                Command.run(Map.of(), 120, "cp", "-r", parts.wildfly().toString(), home.toString());
        if (copy.exitCode() != 0) {
            throw new IllegalStateException(copy.output());
        }
        List<String> configure =
                new ArrayList<>(
                        List.of(
                                home.toString(),
                                "--db",
                                "postgres",
                                "--jdbc-driver",
                                parts.jdbcDriver().toString(),
                                "--broker",
                                "remote",
                                "--broker-port",
                                Integer.toString(ports.broker()),
                                "--no-users",
                                "--lab-user"));
        if (backupBroker != null) {
            configure.addAll(
                    List.of("--broker-backup-port", Integer.toString(backupBroker.port())));
        }
        Command.bash(
                Map.of(
                        "OUTBOX_LAB_PASSWORD",
                        labPassword,
                        "OUTBOX_DB_PASSWORD",
                        dbPassword,
                        "OUTBOX_BROKER_PASSWORD",
                        broker.password()),
                jmsConfig.resolve("configure-wildfly.sh"),
                configure.toArray(String[]::new));
        if (faultTooling) {
            try (InputStream rules = LabTopology.class.getResourceAsStream("crash-points.btm")) {
                Files.copy(
                        rules,
                        work.resolve("crash-points.btm"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (int node = 2; node <= nodeCount; node++) {
            // a configured base directory that never ran: no transaction log of another node
            Command.Result base =
                    Command.run(
                            Map.of(),
                            120,
                            "cp",
                            "-r",
                            baseDir(1).toString(),
                            baseDir(node).toString());
            if (base.exitCode() != 0) {
                throw new IllegalStateException(base.output());
            }
        }
        startNodes();
    }

    /**
     * Starts node 1, which creates the schema and seeds the catalogue on the fresh database, then
     * the other nodes at once (their boots overlap); returns when all serve orders.
     */
    private void startNodes() throws IOException, InterruptedException {
        startNode(1);
        if (nodeCount == 1) {
            return;
        }
        java.util.concurrent.ExecutorService boots =
                java.util.concurrent.Executors.newFixedThreadPool(nodeCount);
        try {
            List<java.util.concurrent.Future<Void>> started = new ArrayList<>();
            for (int node = 2; node <= nodeCount; node++) {
                int which = node;
                started.add(
                        boots.submit(
                                () -> {
                                    startNode(which);
                                    return null;
                                }));
            }
            for (java.util.concurrent.Future<Void> boot : started) {
                try {
                    boot.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            boots.shutdown();
        }
    }

    /**
     * Starts WildFly (node 1) on its existing data (transaction log, deployments) with the
     * topology's options plus {@code extraOptions}; returns once it serves orders.
     */
    public void startServer(String... extraOptions) throws IOException, InterruptedException {
        startNode(1, extraOptions);
    }

    /**
     * Starts node {@code node} on its existing data with the topology's options plus {@code
     * extraOptions}; returns once it serves orders.
     */
    public void startNode(int node, String... extraOptions)
            throws IOException, InterruptedException {
        checkNode(node);
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "-Doutbox.db.port=" + ports.postgres(),
                                "-Djboss.node.name=node-" + node,
                                "-Djboss.tx.node.id=outbox-" + node,
                                "-Djboss.socket.binding.port-offset=" + portOffset(node)));
        if (faultTooling) {
            Path byteman = parts.byteman();
            options.addAll(
                    List.of(
                            "-Doutbox.faults.enabled=true",
                            "-Djboss.modules.system.pkgs=org.jboss.byteman",
                            "-javaagent:"
                                    + byteman
                                    + "=script:"
                                    + work.resolve("crash-points.btm")
                                    + ",boot:"
                                    + byteman
                                    + ",listener:false"));
        }
        options.addAll(serverOptions);
        options.addAll(List.of(extraOptions));
        ServerProcess started =
                ServerProcess.start(
                        home,
                        parts.ear(),
                        baseDir(node),
                        "standalone-full.xml",
                        SERVER_START,
                        options.toArray(String[]::new));
        synchronized (nodes) {
            while (nodes.size() < node) {
                nodes.add(null);
            }
            nodes.set(node - 1, started);
        }
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
        checkNode(node);
        return nodes.get(node - 1);
    }

    /** The order API's base URI on node {@code node}. */
    public URI baseUri(int node) {
        checkNode(node);
        return URI.create("http://127.0.0.1:" + (8080 + portOffset(node)) + "/outbox/");
    }

    /** Node {@code node}'s metrics in Prometheus form, on its management interface. */
    public URI metricsUri(int node) {
        checkNode(node);
        return URI.create("http://127.0.0.1:" + (9990 + portOffset(node)) + "/metrics");
    }

    private int portOffset(int node) {
        return ports.portOffset() + 100 * (node - 1);
    }

    private Path baseDir(int node) {
        return node == 1 ? home.resolve("standalone") : home.resolve("node-" + node);
    }

    private void checkNode(int node) {
        if (node < 1 || node > nodeCount) {
            throw new IllegalArgumentException(
                    "node " + node + " is not one of this topology's " + nodeCount + " nodes");
        }
    }

    /**
     * Kills PostgreSQL (SIGKILL to the server and all its processes); its data directory survives.
     */
    public void killDatabase() {
        Command.bash(
                jmsConfig.resolve("postgres/pg.sh"),
                "kill",
                "--dir",
                work.resolve("postgres").toString());
    }

    /**
     * Starts PostgreSQL (again, after crash recovery if it was killed); returns once it accepts
     * connections.
     */
    public void startDatabase() {
        Command.bash(
                Map.of(
                        "OUTBOX_DB_PASSWORD",
                        dbPassword,
                        "PG_SUPERUSER_PASSWORD",
                        dbSuperuserPassword),
                jmsConfig.resolve("postgres/pg.sh"),
                "start",
                "--dir",
                work.resolve("postgres").toString(),
                "--port",
                Integer.toString(ports.postgres()),
                "--jar",
                parts.postgres().toString());
    }

    /** Whether the broker is a primary/backup pair. */
    public boolean brokerPair() {
        return backupBroker != null;
    }

    /**
     * Waits until the pair's backup accepts connections (it took over from a dead primary); returns
     * how long that took.
     */
    public Duration awaitBackupLive(Duration timeout) throws InterruptedException {
        if (backupBroker == null) {
            throw new IllegalStateException("the broker has no backup");
        }
        long started = System.nanoTime();
        while (System.nanoTime() - started < timeout.toNanos()) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", backupBroker.port())) {
                return Duration.ofNanos(System.nanoTime() - started);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(
                "the backup broker did not take over within " + timeout.toSeconds() + " s");
    }

    /** Kills the broker (SIGKILL; of a pair, the primary); its journal survives. */
    public void killBroker() {
        broker.kill();
    }

    /**
     * Starts the broker again on its journal; returns once it accepts connections (of a pair: the
     * primary, once the backup gave it the journal back).
     */
    public void startBroker() {
        broker.start();
    }

    /**
     * Invokes a management operation of the broker, such as {@code pause} on {@code
     * queue.FulfilmentEvents}, as the broker's administrator (the application's user may not
     * manage).
     */
    public Object manageBroker(String resource, String operation, Object... parameters) {
        try (ActiveMQConnectionFactory factory = brokerAdminFactory();
                jakarta.jms.Connection connection = factory.createConnection()) {
            return BrokerManagement.invoke(connection, resource, operation, parameters);
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "broker management " + resource + "." + operation + ": " + e, e);
        }
    }

    @Override
    public URI baseUri() {
        return baseUri(1);
    }

    @Override
    public List<URI> baseUris() {
        List<URI> uris = new ArrayList<>();
        for (int node = 1; node <= nodeCount; node++) {
            uris.add(baseUri(node));
        }
        return uris;
    }

    public String brokerUrl() {
        if (backupBroker != null) {
            return "(tcp://127.0.0.1:"
                    + ports.broker()
                    + ",tcp://127.0.0.1:"
                    + backupBroker.port()
                    + ")?ha=true";
        }
        return "tcp://127.0.0.1:" + ports.broker();
    }

    public LabPorts ports() {
        return ports;
    }

    public Path work() {
        return work;
    }

    /**
     * A connection as the application's database user, who owns the schema {@code outbox} and
     * nothing more.
     */
    @Override
    public Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "outbox", dbPassword);
    }

    /** A connection as the database's superuser {@code postgres} (statement statistics, say). */
    public Connection databaseAsSuperuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", dbSuperuserPassword);
    }

    /**
     * A JMS connection factory that logs in as the broker's administrator (everything, management
     * included).
     */
    public ActiveMQConnectionFactory brokerAdminFactory() {
        return new ActiveMQConnectionFactory(
                brokerUrl(), BrokerProcess.ADMIN, broker.adminPassword());
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/outbox";
    }

    /** How many relay partitions each node holds a lease on now (the database's view). */
    public Map<String, Integer> partitionsByOwner() throws SQLException {
        Map<String, Integer> owners = new TreeMap<>();
        try (Connection db = database();
                ResultSet rs =
                        db.createStatement()
                                .executeQuery(
                                        "select owner, count(*) from relay_partition where owner"
                                                + " is not null and lease_until > current_timestamp"
                                                + " group by owner")) {
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getInt(2));
            }
        }
        return owners;
    }

    /**
     * How many events {@code node} published since {@code since} in a partition whose latest lease
     * at that moment was another node's: a failed fence (0 when fencing holds).
     */
    public long publishedWithoutLease(String node, Instant since) throws SQLException {
        try (Connection db = database();
                PreparedStatement ps =
                        db.prepareStatement(
                                "select count(*) from outbox_event e where e.published_by = ?"
                                        + " and e.published_at >= ? and coalesce((select g.owner"
                                        + " from relay_lease_grant g where g.partition_no ="
                                        + " e.partition_no and g.granted_at <= e.published_at"
                                        + " order by g.granted_at desc, g.epoch desc fetch first 1"
                                        + " rows only), '') <> ?")) {
            ps.setString(1, node);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setString(3, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void faults(String planJson) {
        FaultControl control = new FaultControl(baseUri(), LAB_USER, labPassword);
        if (planJson == null) {
            control.clear();
        } else {
            control.replace(planJson);
        }
    }

    @Override
    public Map<String, Set<String>> deadLetters() {
        return DeadLetterBrowser.browse(brokerUrl(), BrokerProcess.USER, broker.password());
    }

    /**
     * Participants in a heuristic state in Narayana's log store, read through the management model
     * after a probe.
     */
    @Override
    public long heuristics() {
        cli("/subsystem=transactions/log-store=log-store:probe()");
        Matcher m =
                HEURISTIC.matcher(
                        cli(
                                "/subsystem=transactions/log-store=log-store:read-children-resources("
                                        + "child-type=transactions,recursive=true)"));
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** Runs WildFly CLI commands against the running server (local authentication: no password). */
    public String cli(String commands) {
        return cli(1, commands);
    }

    /** Runs WildFly CLI commands against node {@code node} (local authentication). */
    public String cli(int node, String commands) {
        checkNode(node);
        Command.Result result =
                Command.run(
                        Map.of(),
                        120,
                        home.resolve("bin/jboss-cli.sh").toString(),
                        "-c",
                        "--controller=127.0.0.1:" + (9990 + portOffset(node)),
                        "--commands=" + commands);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("jboss-cli failed: " + result.output());
        }
        return result.output();
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.resume();
                node.close();
            }
        }
        if (backupBroker != null) {
            backupBroker.stop();
        }
        broker.stop();
        Command.bash(
                jmsConfig.resolve("postgres/pg.sh"),
                "stop",
                "--dir",
                work.resolve("postgres").toString());
    }
}
