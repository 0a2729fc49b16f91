package org.outboxlab.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The product's schema, as versioned SQL per database ({@code db/migration/postgresql}, {@code
 * db/migration/h2}) and for both ({@code db/migration/common}), applied by Flyway: a fresh schema
 * gets every version; a schema that the product's earlier builds made with {@code
 * hibernate.hbm2ddl.auto=update} (tables, no history) is recorded as version 1, which is exactly
 * what they made, and gets the versions after it. Flyway holds its lock for the run (on PostgreSQL
 * an advisory lock), so nodes that start together apply each version once and the others wait for
 * it.
 */
public final class SchemaMigrations {

    /** What earlier builds' schemas are recorded as: version 1, the schema they made. */
    static final String BASELINE = "1";

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    private SchemaMigrations() {}

    /** The Flyway run for {@code dataSource}'s current schema, its scripts chosen by database. */
    public static Flyway flyway(DataSource dataSource) throws SQLException {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(
                        "classpath:db/migration/common",
                        "classpath:db/migration/" + vendor(dataSource))
                .baselineOnMigrate(true)
                .baselineVersion(BASELINE)
                .baselineDescription("schema made by hibernate.hbm2ddl.auto=update")
                .validateMigrationNaming(true)
                .load();
    }

    /** Brings {@code dataSource}'s schema to the latest version; returns what was applied. */
    public static MigrateResult migrate(DataSource dataSource) throws SQLException {
        MigrateResult result = flyway(dataSource).migrate();
        LOG.info(
                "database schema at version "
                        + (result.targetSchemaVersion != null
                                ? result.targetSchemaVersion
                                : result.initialSchemaVersion)
                        + ": "
                        + result.migrationsExecuted
                        + " migration(s) applied");
        return result;
    }

    /** {@code postgresql} or {@code h2}: the folder of the database's scripts. */
    static String vendor(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException(
                    "no schema migrations for "
                            + c.getMetaData().getDatabaseProductName()
                            + ": the product runs on PostgreSQL or H2");
        }
    }
}
