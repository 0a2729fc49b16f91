package org.outboxlab.lab.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root: the parent of the lab module, in which Maven runs these tests. */
final class Repository {

    private Repository() {}

    static Path root() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("README.md"))) {
            root = root.getParent();
        }
        if (root == null
                || !Files.isRegularFile(root.resolve("README.md"))
                || !Files.isDirectory(root.resolve("docs"))) {
            throw new IllegalStateException(
                    "no repository root (README.md and docs/) at or above "
                            + System.getProperty("user.dir"));
        }
        return root;
    }
}
