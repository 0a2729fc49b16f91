package org.outboxlab.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
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
    private static final String CONSOLE = "server-console.log";

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
                        .redirectOutput(baseDir.resolve(CONSOLE))
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
                        "WildFly exited with " + process.exitValue() + "; see " + console());
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
                        + console());
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

    /** The server's data directory ({@code jboss.server.data.dir}). */
    public Path dataDir() {
        return baseDir.resolve("data");
    }

    /** Where the console output and the server log end now: {@link #printedSince} looks after. */
    public OutputMark outputMark() {
        return new OutputMark(size(console()), serverLogMark());
    }

    /**
     * Whether this process printed {@code line} after {@code mark}: in its console output or in its
     * server log (all of either that was rotated or rewritten since).
     */
    public boolean printedSince(String line, OutputMark mark) {
        return contains(console(), line, mark.console()) || contains(serverLog(), line, mark.log());
    }

    /** The ends of a server's console output and its server log at one moment. */
    public record OutputMark(long console, long log) {}

    /** Where the server log ends now: {@link #logged} looks at what comes after. */
    public long serverLogMark() {
        return size(serverLog());
    }

    /**
     * Whether this process printed {@code line}: in its console output, or in the server log after
     * {@code mark} (all of it if the log was rotated since).
     */
    public boolean logged(String line, long mark) {
        return contains(console(), line, 0) || contains(serverLog(), line, mark);
    }

    private Path console() {
        return baseDir.resolve(CONSOLE);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Whether {@code file}, from byte {@code mark} on (all of it if now shorter), holds {@code
     * line}.
     */
    private static boolean contains(Path file, String line, long mark) {
        if (!Files.exists(file)) {
            return false;
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            long from = mark <= size ? mark : 0;
            ByteBuffer text = ByteBuffer.allocate(Math.toIntExact(size - from));
            in.position(from);
            while (text.hasRemaining() && in.read(text) > 0) {
                // reads what was there when the size was taken
            }
            return new String(text.array(), 0, text.position(), StandardCharsets.UTF_8)
                    .contains(line);
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

    /**
     * Whether the server's JVM is stopped (SIGSTOP) now, as Linux reports its state in {@code
     * /proc/<pid>/stat}; false where that cannot be read.
     */
    public boolean stopped() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // pid (comm) state ...: comm may hold spaces and parentheses, the state follows the
            // last ')'
            String rest = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return rest.startsWith("T");
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
