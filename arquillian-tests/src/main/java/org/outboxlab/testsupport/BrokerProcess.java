package org.outboxlab.testsupport;

import java.nio.file.Path;

/**
 * A standalone Artemis broker run by {@code jms-config/artemis/artemis.sh} as a process of its own,
 * so that it can fail alone: killed (SIGKILL, the journal survives), stopped and started again.
 */
public final class BrokerProcess {

    private final Path script;
    private final Path dir;
    private final Path distribution;
    private final int port;

    /**
     * @param jmsConfig    the {@code jms-config} directory
     * @param dir          the broker's own directory (instance, journal, log)
     * @param distribution the {@code apache-artemis-*-bin.tar.gz} distribution
     */
    public BrokerProcess(Path jmsConfig, Path dir, Path distribution, int port) {
        this.script = jmsConfig.resolve("artemis").resolve("artemis.sh");
        this.dir = dir;
        this.distribution = distribution;
        this.port = port;
    }

    /** Starts the broker (creating its instance the first time); returns once it accepts connections. */
    public void start() {
        Command.bash(script, "start", "--dir", dir.toString(), "--port", Integer.toString(port),
                "--dist", distribution.toString());
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
}
