package org.outboxlab.schema;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Runs {@link SchemaMigrations} while the persistence unit that sets {@value #SETTING} to {@code
 * true} starts, on its own datasource: inside Hibernate's bootstrap, before the unit validates the
 * schema ({@code hibernate.hbm2ddl.auto=validate}) and before any bean of the deployment can use
 * it. A migration that fails fails the deployment.
 */
public final class MigrateOnBoot implements Integrator {

    /** The persistence-unit property that makes the unit migrate the schema first. */
    public static final String SETTING = "outbox.schema.migrate";

    @Override
    public void integrate(
            Metadata metadata,
            BootstrapContext bootstrapContext,
            SessionFactoryImplementor sessionFactory) {
        Object migrate =
                sessionFactory
                        .getServiceRegistry()
                        .requireService(ConfigurationService.class)
                        .getSettings()
                        .get(SETTING);
        if (!"true".equals(String.valueOf(migrate))) {
            return;
        }
        DataSource dataSource =
                sessionFactory
                        .getServiceRegistry()
                        .requireService(ConnectionProvider.class)
                        .unwrap(DataSource.class);
        try {
            SchemaMigrations.migrate(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void disintegrate(
            SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry registry) {}
}
