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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final BrokerProcess broker;
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
    private ServerProcess server;

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
     * Creates everything afresh under the work directory and starts all three processes; WildFly
     * gets {@code serverOptions} ({@code -Dname=value}, JVM options) on this and every later start.
     */
    public void start(String... serverOptions) throws IOException, InterruptedException {
        this.serverOptions.addAll(List.of(serverOptions));
        Directories.deleteRecursively(work);
        Files.createDirectories(work);
        startDatabase();
        broker.start();
        Command.Result copy =
                Command.run(Map.of(), 120, "cp", "-r", parts.wildfly().toString(), home.toString());
        if (copy.exitCode() != 0) {
            throw new IllegalStateException(copy.output());
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
                "--lab-user");
        if (faultTooling) {
            try (InputStream rules = LabTopology.class.getResourceAsStream("crash-points.btm")) {
                Files.copy(
                        rules,
                        work.resolve("crash-points.btm"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        startServer();
    }

    /**
     * Starts WildFly on its existing data (transaction log, deployments) with the topology's
     * options plus {@code extraOptions}; returns once it serves orders.
     */
    public void startServer(String... extraOptions) throws IOException, InterruptedException {
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "-Doutbox.db.port=" + ports.postgres(),
                                "-Djboss.socket.binding.port-offset=" + ports.portOffset()));
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
        server =
                ServerProcess.start(
                        home,
                        parts.ear(),
                        home.resolve("standalone"),
                        "standalone-full.xml",
                        SERVER_START,
                        options.toArray(String[]::new));
    }

    /** Stops WildFly gracefully. */
    public void stopServer() throws InterruptedException {
        server.close();
    }

    /** Kills WildFly (SIGKILL). */
    public void killServer() throws InterruptedException {
        server.kill();
    }

    public ServerProcess server() {
        return server;
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

    /** Kills the broker (SIGKILL); its journal survives. */
    public void killBroker() {
        broker.kill();
    }

    /** Starts the broker again on its journal; returns once it accepts connections. */
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
        return URI.create("http://127.0.0.1:" + (8080 + ports.portOffset()) + "/outbox/");
    }

    public String brokerUrl() {
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
        Command.Result result =
                Command.run(
                        Map.of(),
                        120,
                        home.resolve("bin/jboss-cli.sh").toString(),
                        "-c",
                        "--controller=127.0.0.1:" + (9990 + ports.portOffset()),
                        "--commands=" + commands);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("jboss-cli failed: " + result.output());
        }
        return result.output();
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        broker.stop();
        Command.bash(
                jmsConfig.resolve("postgres/pg.sh"),
                "stop",
                "--dir",
                work.resolve("postgres").toString());
    }
}
