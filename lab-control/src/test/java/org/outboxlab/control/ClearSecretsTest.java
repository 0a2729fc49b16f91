package org.outboxlab.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password written in clear text into a file is found and named; a reference is not. */
class ClearSecretsTest {

    @Test
    void namesEverySecretAFileHoldsInClearText(@TempDir Path dir) throws IOException {
        ClearSecrets secrets =
                new ClearSecrets(
                        Map.of("the database's", "s3cret-db", "the broker's", "s3cret-mq"));
        Path referenced =
                Files.writeString(
                        dir.resolve("a.xml"), "<credential-reference alias=\"outbox-db\"/>");
        Path leaked =
                Files.writeString(dir.resolve("b.xml"), "<password>s3cret-mq</password> s3cret-db");
        assertEquals(List.of(), secrets.foundIn(referenced));
        assertEquals(List.of("the broker's", "the database's"), secrets.foundIn(leaked));
    }
}
