package org.outboxlab.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A standalone Artemis broker run by {@code jms-config/artemis/artemis.sh} as a process of its own,
 * so that it can fail alone: killed (SIGKILL, the journal survives), stopped and started again. Its
 * two users get passwords of their own, made here and handed to the script in its environment: the
 * application's ({@value #USER}: sends and consumes order events, reads the dead-letter queues) and
 * the administrator's ({@value #ADMIN}: management).
 */
public final class BrokerProcess {

    public static final String USER = "outbox";
    public static final String ADMIN = "admin";

    private final Path script;
    private final Path dir;
    private final Path distribution;
    private final int port;
    private final String password;
    private final String adminPassword;

    /** A pair's journal directory, or null for a broker on its own. */
    private final Path shared;

    /** The other broker of a pair: its port. */
    private final int peerPort;

    private final boolean backup;

    /**
     * @param jmsConfig the {@code jms-config} directory
     * @param dir the broker's own directory (instance, journal, log)
     * @param distribution the {@code apache-artemis-*-bin.tar.gz} distribution
     */
    public BrokerProcess(Path jmsConfig, Path dir, Path distribution, int port) {
        this(
                jmsConfig,
                dir,
                distribution,
                port,
                null,
                0,
                false,
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
    }

    private BrokerProcess(
            Path jmsConfig,
            Path dir,
            Path distribution,
            int port,
            Path shared,
            int peerPort,
            boolean backup,
            String password,
            String adminPassword) {
        this.script = jmsConfig.resolve("artemis").resolve("artemis.sh");
        this.dir = dir;
        this.distribution = distribution;
        this.port = port;
        this.shared = shared;
        this.peerPort = peerPort;
        this.backup = backup;
        this.password = password;
        this.adminPassword = adminPassword;
    }

    /**
     * A primary/backup pair on one journal ({@code dir/shared}), primary first: the backup waits
     * and takes over, on its own port, when the primary dies. Both have the same users and
     * passwords.
     */
    public static List<BrokerProcess> pair(
            Path jmsConfig, Path dir, Path distribution, int primaryPort, int backupPort) {
        String password = UUID.randomUUID().toString();
        String adminPassword = UUID.randomUUID().toString();
        Path shared = dir.resolve("shared");
        return List.of(
                new BrokerProcess(
                        jmsConfig,
                        dir.resolve("primary"),
                        distribution,
                        primaryPort,
                        shared,
                        backupPort,
                        false,
                        password,
                        adminPassword),
                new BrokerProcess(
                        jmsConfig,
                        dir.resolve("backup"),
                        distribution,
                        backupPort,
                        shared,
                        primaryPort,
                        true,
                        password,
                        adminPassword));
    }

    /**
     * Starts the broker (creating its instance the first time); returns once it accepts
     * connections, or for a pair's backup once it waits on the journal.
     */
    public void start() {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "start",
                                "--dir",
                                dir.toString(),
                                "--port",
                                Integer.toString(port),
                                "--dist",
                                distribution.toString(),
                                "--user",
                                USER,
                                "--admin-user",
                                ADMIN));
        if (shared != null) {
            args.addAll(
                    List.of(
                            "--shared-store",
                            shared.toString(),
                            "--peer-port",
                            Integer.toString(peerPort)));
            if (backup) {
                args.add("--backup");
            }
        }
        Command.bash(
                Map.of("OUTBOX_BROKER_PASSWORD", password, "ARTEMIS_ADMIN_PASSWORD", adminPassword),
                script,
                args.toArray(String[]::new));
    }

    /** Kills the broker JVM at once (SIGKILL), as a crash would. */
    public void kill() {
        Command.bash(script, "kill", "--dir", dir.toString());
    }

    /** Stops the broker gracefully; does nothing if it is not running. */
    public void stop() {
        Command.bash(script, "stop", "--dir", dir.toString());
    }

    public int port() {
        return port;
    }

    /** The password of the application's user {@value #USER}. */
    public String password() {
        return password;
    }

    /** The password of the administrator {@value #ADMIN}. */
    public String adminPassword() {
        return adminPassword;
    }
}
