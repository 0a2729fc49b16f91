package org.outboxlab.it;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.outboxlab.outbox.OutboxEvent;

/**
 * What the product's earlier builds did to a database at every start: Hibernate's {@code
 * hibernate.hbm2ddl.auto=update} over every entity of the EJB module they had (every entity but
 * those whose tables later migrations create), with the Hibernate WildFly 39 runs.
 */
final class HibernateSchema {

    /** Entities whose tables came after the earlier builds, with the migration that makes them. */
    static final Set<String> SINCE_MIGRATIONS = Set.of("org.outboxlab.ops.OperatorAction"); // V4

    private HibernateSchema() {}

    static void update(String url, String user, String password) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.connection.url", url);
        settings.put("hibernate.connection.username", user);
        settings.put("hibernate.connection.password", password);
        settings.put("hibernate.hbm2ddl.auto", "update");
        StandardServiceRegistry registry =
                new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : entities()) {
                sources.addAnnotatedClass(entity);
            }
            Metadata metadata = sources.buildMetadata();
            SchemaManagementToolCoordinator.process(metadata, registry, settings, drop -> {});
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /**
     * The earlier builds' entities: those annotated {@code @Entity} in the EJB module's classes.
     */
    static List<Class<?>> entities() throws IOException, URISyntaxException {
        Path root =
                Path.of(
                        OutboxEvent.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        if (!Files.isDirectory(root)) {
            try (var jar = java.nio.file.FileSystems.newFileSystem(root)) {
                return entitiesUnder(jar.getPath("/"));
            }
        }
        return entitiesUnder(root);
    }

    private static List<Class<?>> entitiesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - 6).replace('/', '.'))
                    .<Class<?>>map(HibernateSchema::load)
                    .filter(type -> type.isAnnotationPresent(Entity.class))
                    .filter(type -> !SINCE_MIGRATIONS.contains(type.getName()))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, HibernateSchema.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
