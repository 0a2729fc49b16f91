package org.outboxlab.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The secrets a lab topology made (database, broker and fault-plan users' passwords), by what they
 * are, to find any of them written in clear text into a file: configuration must hold them only as
 * credential-store references or hashes.
 */
final class ClearSecrets {

    private final Map<String, String> secrets;

    ClearSecrets(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    /** What of the secrets {@code file} holds in clear text, by name; empty when none. */
    List<String> foundIn(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return secrets.entrySet().stream()
                .filter(secret -> text.contains(secret.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
