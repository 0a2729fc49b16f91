package org.outboxlab.control;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The lab's PostgreSQL on loopback ({@code pg.sh}), able to be killed alone: a killed server keeps
 * its data directory and comes back through crash recovery. Its two users' passwords are made for
 * this process and never leave the lab.
 */
final class PostgresProcess {

    private final Path pgScript;
    private final Path dir;
    private final Path distribution;
    private final int port;

    /** The application's database user's password, and the database superuser's. */
    private final String password = UUID.randomUUID().toString();

    private final String superuserPassword = UUID.randomUUID().toString();
    private final String replicationPassword = UUID.randomUUID().toString();

    PostgresProcess(Path jmsConfig, Path dir, Path distribution, int port) {
        this.pgScript = jmsConfig.resolve("postgres/pg.sh");
        this.dir = dir;
        this.distribution = distribution;
        this.port = port;
    }

    /** Starts it (again, after crash recovery if it was killed); returns once it accepts. */
    void start() {
        Command.bash(
                Map.of(
                        "OUTBOX_DB_PASSWORD",
                        password,
                        "PG_SUPERUSER_PASSWORD",
                        superuserPassword,
                        "OUTBOX_REPLICATION_PASSWORD",
                        replicationPassword),
                pgScript,
                "start",
                "--dir",
                dir.toString(),
                "--port",
                Integer.toString(port),
                "--jar",
                distribution.toString());
    }

    /**
     * SIGKILL to the server and all its processes; the data directory survives. Fails unless the
     * outage happened: a server that was not running (pg.sh says so and exits 0), a pid file naming
     * another process (pg.sh exits 2), or a database that still accepts a connection afterwards.
     */
    void kill() {
        String said = Command.bash(pgScript, "kill", "--dir", dir.toString());
        if (said.contains(NOT_RUNNING)) {
            throw new AssertionError("no database outage: at the kill, " + said.strip());
        }
        try (Connection stillThere = connect()) {
            throw new AssertionError(
                    "no database outage: PostgreSQL on port " + port + " accepts after the kill");
        } catch (SQLException unreachable) {
            // the outage is real
        }
    }

    /** What {@code pg.sh kill} prints when no server ran. */
    static final String NOT_RUNNING = "PostgreSQL was not running";

    void stop() {
        Command.bash(pgScript, "stop", "--dir", dir.toString());
    }

    /**
     * The server's log ({@code pg.sh}: {@code DIR/cluster/log/postgres.log}), kept across restarts.
     */
    Path log() {
        return dir.resolve("cluster/log/postgres.log");
    }

    /** The application's user's password, which WildFly's datasource is configured with. */
    String password() {
        return password;
    }

    /** The replication role's password, which the log-tailing relay's datasource uses. */
    String replicationPassword() {
        return replicationPassword;
    }

    /** As the application's user, who owns the schema {@code outbox} and nothing more. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "outbox", password);
    }

    /** As the superuser {@code postgres}. */
    Connection connectAsSuperuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", superuserPassword);
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/outbox";
    }
}
