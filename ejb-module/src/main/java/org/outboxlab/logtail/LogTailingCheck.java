package org.outboxlab.logtail;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.sql.Connection;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.outboxlab.relay.RelayStrategy;

/**
 * Refuses a deployment whose log reader cannot run, before any of its beans starts, with one
 * message saying why and what to do: an unknown {@code outbox.relay.strategy}; or {@code
 * log-tailing}, or change data capture ({@code outbox.cdc.enabled=true}), on a database other than
 * PostgreSQL or without the replication datasource. Checked as soon as CDI has found the beans: a
 * bean that fails to start leaves the others' timers running into a deployment that is being taken
 * down, and a failure at CDI's later deployment validation leaves the deployment's readiness check
 * registered with the server, reporting it down.
 */
public class LogTailingCheck implements Extension {

    static final String OUTBOX_DATASOURCE = "java:jboss/datasources/OutboxDS";

    void check(@Observes AfterBeanDiscovery discovery) {
        try {
            String value =
                    ConfigProvider.getConfig()
                            .getOptionalValue("outbox.relay.strategy", String.class)
                            .orElse(RelayStrategy.POLLING.id());
            if (RelayStrategy.of(value) == RelayStrategy.LOG_TAILING) {
                checkLogReading(
                        "outbox.relay.strategy=log-tailing",
                        "outbox.relay.strategy=polling (the default)");
            }
            if (ConfigProvider.getConfig()
                    .getOptionalValue("outbox.cdc.enabled", Boolean.class)
                    .orElse(false)) {
                checkLogReading(
                        "outbox.cdc.enabled=true",
                        "outbox.cdc.enabled=false (the default) and the modes OUTBOX, XA or NAIVE");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            discovery.addDefinitionError(e);
        }
    }

    private static void checkLogReading(String setting, String instead) {
        if (!postgres()) {
            throw new IllegalStateException(
                    setting
                            + " reads PostgreSQL's write-ahead log, but this "
                            + "deployment's database is not PostgreSQL: use "
                            + instead);
        }
        DataSource replication;
        try {
            replication =
                    (DataSource)
                            new InitialContext().lookup(LogTailingRelay.REPLICATION_DATASOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException(
                    setting
                            + " needs the datasource "
                            + LogTailingRelay.REPLICATION_DATASOURCE
                            + " (configure-wildfly.sh --db postgres adds it when "
                            + "$OUTBOX_REPLICATION_PASSWORD is set)");
        }
    }

    private static boolean postgres() {
        try (Connection connection =
                ((DataSource) new InitialContext().lookup(OUTBOX_DATASOURCE)).getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (NamingException | SQLException e) {
            throw new IllegalStateException(
                    "cannot tell the outbox database through "
                            + OUTBOX_DATASOURCE
                            + ": "
                            + e.getMessage());
        }
    }
}
