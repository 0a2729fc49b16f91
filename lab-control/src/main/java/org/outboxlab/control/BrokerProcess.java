package org.outboxlab.control;

import java.nio.file.Path;
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
    private final String password = UUID.randomUUID().toString();
    private final String adminPassword = UUID.randomUUID().toString();

    /**
     * @param jmsConfig the {@code jms-config} directory
     * @param dir the broker's own directory (instance, journal, log)
     * @param distribution the {@code apache-artemis-*-bin.tar.gz} distribution
     */
    public BrokerProcess(Path jmsConfig, Path dir, Path distribution, int port) {
        this.script = jmsConfig.resolve("artemis").resolve("artemis.sh");
        this.dir = dir;
        this.distribution = distribution;
        this.port = port;
    }

    /**
     * Starts the broker (creating its instance the first time); returns once it accepts
     * connections.
     */
    public void start() {
        Command.bash(
                Map.of("OUTBOX_BROKER_PASSWORD", password, "ARTEMIS_ADMIN_PASSWORD", adminPassword),
                script,
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
                ADMIN);
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
