package org.outboxlab.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * A WildFly server with the outbox EAR, run as a process of its own: started through the WildFly
 * launcher, ready once the order API answers, and stopped gracefully or killed (SIGKILL) from
 * outside, as an operator or a crash would.
 */
public final class ServerProcess implements AutoCloseable {

    private static final String PORT_OFFSET = "-Djboss.socket.binding.port-offset=";

    private final Path baseDir;
    private final Process process;
    private final int portOffset;

    private ServerProcess(Path baseDir, Process process, int portOffset) {
        this.baseDir = baseDir;
        this.process = process;
        this.portOffset = portOffset;
    }

    /**
     * Deploys {@code ear} into {@code baseDir} (a server base directory such as {@code
     * jbossHome/standalone}) and starts the server on {@code serverConfig}, bound to loopback;
     * returns once the order API answers, or fails after {@code timeout}. A {@code
     * -Djboss.socket.binding.port-offset=N} among {@code javaOptions} moves every port by N.
     */
    public static ServerProcess start(
            Path jbossHome,
            Path ear,
            Path baseDir,
            String serverConfig,
            Duration timeout,
            String... javaOptions)
            throws IOException, InterruptedException {
        Files.copy(
                ear,
                baseDir.resolve("deployments").resolve(ear.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        StandaloneCommandBuilder command =
                StandaloneCommandBuilder.of(jbossHome)
                        .setBaseDirectory(baseDir)
                        .setServerConfiguration(serverConfig)
                        .addJavaOptions(
                                "-Xms256m",
                                "-Xmx1g",
                                "-Djava.net.preferIPv4Stack=true",
                                "-Djboss.bind.address=127.0.0.1",
                                "-Djboss.bind.address.management=127.0.0.1")
                        .addJavaOptions(javaOptions);
        Process process =
                Launcher.of(command)
                        .setRedirectErrorStream(true)
                        .redirectOutput(baseDir.resolve("server-console.log"))
                        .launch();
        int offset =
                Stream.of(javaOptions)
                        .filter(o -> o.startsWith(PORT_OFFSET))
                        .mapToInt(o -> Integer.parseInt(o.substring(PORT_OFFSET.length())))
                        .findFirst()
                        .orElse(0);
        ServerProcess server = new ServerProcess(baseDir, process, offset);
        server.awaitReady(timeout);
        return server;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI probe = baseUri().resolve("api/products");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "WildFly exited with "
                                + process.exitValue()
                                + "; see "
                                + baseDir.resolve("server-console.log"));
            }
            try {
                HttpResponse<Void> response =
                        http.send(
                                HttpRequest.newBuilder(probe)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException(
                "WildFly did not serve the outbox API within "
                        + timeout.toSeconds()
                        + " s; see "
                        + baseDir.resolve("server-console.log"));
    }

    /** The application's base URI, {@code http://127.0.0.1:<8080 + offset>/outbox/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/outbox/");
    }

    /** The management port, 9990 plus the port offset. */
    public int managementPort() {
        return 9990 + portOffset;
    }

    /** Whether the server process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the process to end by itself; returns whether it did. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit status of an ended process. */
    public int exitValue() {
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** The server's log file. */
    public Path serverLog() {
        return baseDir.resolve("log").resolve("server.log");
    }

    /** Where the server log ends now: {@link #logged} looks at what comes after. */
    public long serverLogMark() {
        try {
            return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Whether this process printed {@code line}: in its console output, or in the server log after
     * {@code mark} (all of it if the log was rotated since).
     */
    public boolean logged(String line, long mark) {
        try {
            Path console = baseDir.resolve("server-console.log");
            if (Files.exists(console) && Files.readString(console).contains(line)) {
                return true;
            }
            if (!Files.exists(serverLog())) {
                return false;
            }
            byte[] log = Files.readAllBytes(serverLog());
            int from = mark <= log.length ? (int) mark : 0;
            return new String(log, from, log.length - from, StandardCharsets.UTF_8).contains(line);
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would: no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    /**
     * Freezes the server (SIGSTOP): its threads stop, its sockets and database sessions stay open,
     * as a long GC pause or a hung host would leave them.
     */
    public void pause() {
        signal("STOP");
    }

    /** Lets a frozen server run on (SIGCONT); harmless on one that runs. */
    public void resume() {
        if (process.isAlive()) {
            signal("CONT");
        }
    }

    private void signal(String name) {
        Command.Result result =
                Command.run(java.util.Map.of(), 10, "kill", "-" + name, Long.toString(pid()));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid() + ": " + result.output());
        }
    }

    /** Stops the server gracefully (SIGTERM), killing it if it has not stopped within 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
