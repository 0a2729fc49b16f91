package org.outboxlab.consume;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Which database the consumers write to, read once from the datasource's metadata, so that an insert
 * that tolerates an existing row can take the database's own form: PostgreSQL's
 * {@code on conflict do nothing}, or a guarded {@code insert … select … where not exists} elsewhere.
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
                throw new IllegalStateException("cannot tell the consumers' database: " + e.getMessage(), e);
            }
            postgres = known;
        }
        return known;
    }
}
