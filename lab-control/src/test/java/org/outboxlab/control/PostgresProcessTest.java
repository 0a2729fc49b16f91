package org.outboxlab.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database outage the lab injects is a fault only if it happened: {@code pg.sh kill} answering
 * "not running" (exit 0) or refusing the pid file (exit 2) fails the kill. Shown to fail with the
 * old {@code kill()} (it ignored what pg.sh said): the "not running" case passed.
 */
class PostgresProcessTest {

    @TempDir Path dir;

    @Test
    void aKillThatFoundNoServerIsAFailedFault() throws IOException {
        AssertionError failed =
                assertThrows(
                        AssertionError.class,
                        () -> process("echo 'pg.sh: PostgreSQL was not running'").kill());
        assertTrue(failed.getMessage().contains("no database outage"), failed.getMessage());
    }

    @Test
    void aKillThatRefusedThePidFileIsAFailedFault() throws IOException {
        assertThrows(
                AssertionError.class,
                () -> process("echo 'pg.sh: refusing to signal pid 7' >&2; exit 2").kill());
    }

    @Test
    void aKillAfterWhichNothingAcceptsIsAnOutage() throws IOException {
        assertDoesNotThrow(() -> process("echo 'pg.sh: PostgreSQL killed (SIGKILL)'").kill());
    }

    /** A PostgresProcess whose pg.sh runs {@code body}, on a port where nothing listens. */
    private PostgresProcess process(String body) throws IOException {
        Path script = dir.resolve("postgres/pg.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/bash\n" + body + "\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        return new PostgresProcess(dir, dir.resolve("pg"), dir.resolve("none.jar"), port);
    }
}
