package org.outboxlab.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Which database the outbox datasource is, read once from its metadata, so that a statement can
 * take the database's own form: PostgreSQL's {@code on conflict do nothing} and {@code skip
 * locked}, or a portable form elsewhere.
 */
@ApplicationScoped
public class DatabaseKind {

    @Resource(lookup = "java:jboss/datasources/OutboxDS")
    DataSource dataSource;

    private volatile Boolean postgres;

    public boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "cannot tell the outbox database: " + e.getMessage(), e);
            }
            postgres = known;
        }
        return known;
    }
}
