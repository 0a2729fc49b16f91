package org.outboxlab.lab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's module and package graph is what the code gives now, and the packages have
 * no cycle: runs {@code java docs/tools/PackageGraph.java --check} in the repository root.
 */
class PackageGraphTest {

    @Test
    void generatedGraphIsCurrentAndHasNoCycle() throws IOException, InterruptedException {
        Path root = Repository.root();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = Files.createTempFile("package-graph-", ".txt");
        try {
            Process process =
                    new ProcessBuilder(
                                    List.of(
                                            java.toString(),
                                            "docs/tools/PackageGraph.java",
                                            "--check"))
                            .directory(root.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            boolean exited = process.waitFor(2, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(exited, "PackageGraph --check did not finish in 2 minutes:\n" + printed);
            assertEquals(
                    0,
                    process.exitValue(),
                    "java docs/tools/PackageGraph.java --check failed:\n" + printed);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
