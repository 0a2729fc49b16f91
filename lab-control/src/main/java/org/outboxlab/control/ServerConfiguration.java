package org.outboxlab.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the lab's WildFly is configured, as an operator's would be: {@code configure-wildfly.sh --db
 * postgres --broker remote} on a stock copy, plus, with fault tooling, the fault plan and the
 * Byteman agent that carries the XA crash point; and the options each node starts with (its name,
 * its Narayana node identifier, its port offset).
 */
final class ServerConfiguration {

    private static final String RULES = "crash-points.btm";

    private final Path jmsConfig;
    private final ServerParts parts;
    private final Path work;
    private final boolean faultTooling;

    ServerConfiguration(Path jmsConfig, ServerParts parts, Path work, boolean faultTooling) {
        this.jmsConfig = jmsConfig;
        this.parts = parts;
        this.work = work;
        this.faultTooling = faultTooling;
    }

    /**
     * Runs {@code configure-wildfly.sh} on {@code home} for the lab's database and broker, with the
     * passwords in the environment (never on a command line), and installs the Byteman rules.
     */
    void configure(
            Path home,
            int brokerPort,
            Integer backupBrokerPort,
            String labPassword,
            String dbPassword,
            String replicationPassword,
            String brokerPassword)
            throws IOException {
        List<String> arguments =
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
                                Integer.toString(brokerPort),
                                "--no-users",
                                "--lab-user"));
        if (backupBrokerPort != null) {
            arguments.addAll(List.of("--broker-backup-port", Integer.toString(backupBrokerPort)));
        }
        Command.bash(
                Map.of(
                        "OUTBOX_LAB_PASSWORD",
                        labPassword,
                        "OUTBOX_DB_PASSWORD",
                        dbPassword,
                        "OUTBOX_REPLICATION_PASSWORD",
                        replicationPassword,
                        "OUTBOX_BROKER_PASSWORD",
                        brokerPassword),
                jmsConfig.resolve("configure-wildfly.sh"),
                arguments.toArray(String[]::new));
        if (faultTooling) {
            try (InputStream rules = ServerConfiguration.class.getResourceAsStream(RULES)) {
                Files.copy(rules, work.resolve(RULES), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * The options node {@code node} starts with: the database's port, its names, its port offset,
     * and with fault tooling the fault plan switch and the Byteman agent.
     */
    List<String> nodeOptions(int node, int postgresPort, int portOffset) {
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "-Doutbox.db.port=" + postgresPort,
                                "-Djboss.node.name=node-" + node,
                                "-Djboss.tx.node.id=outbox-" + node,
                                "-Djboss.socket.binding.port-offset=" + portOffset));
        if (faultTooling) {
            Path byteman = parts.byteman();
            options.addAll(
                    List.of(
                            "-Doutbox.faults.enabled=true",
                            "-Djboss.modules.system.pkgs=org.jboss.byteman",
                            "-javaagent:"
                                    + byteman
                                    + "=script:"
                                    + work.resolve(RULES)
                                    + ",boot:"
                                    + byteman
                                    + ",listener:false"));
        }
        return options;
    }
}
