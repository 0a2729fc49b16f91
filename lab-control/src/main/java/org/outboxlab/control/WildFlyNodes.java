package org.outboxlab.control;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The lab's WildFly nodes (1 to 3) on one configured installation: node {@code i} has a base
 * directory of its own and listens at the lab's port offset plus {@code 100 * (i - 1)}. A node
 * restarts on its own base directory, so Narayana finds its transaction log and recovers what was
 * in doubt; nodes 2 and up start from a copy of node 1's directory that never ran.
 */
final class WildFlyNodes {

    /** The server configuration every node runs, as configure-wildfly.sh writes it. */
    private static final String CONFIGURATION = "standalone-full.xml";

    private static final Duration SERVER_START = Duration.ofSeconds(240);

    private final Path home;
    private final ServerParts parts;
    private final ServerConfiguration configuration;
    private final LabPorts ports;
    private final List<String> serverOptions = new ArrayList<>();

    /** Node 1 first; a node never started is null. */
    private final List<ServerProcess> nodes = new ArrayList<>();

    private int count = 1;

    /** Nodes that reach PostgreSQL on another port than the lab's (through a link), by node. */
    private final Map<Integer, Integer> databasePorts =
            new java.util.concurrent.ConcurrentHashMap<>();

    WildFlyNodes(Path home, ServerParts parts, ServerConfiguration configuration, LabPorts ports) {
        this.home = home;
        this.parts = parts;
        this.configuration = configuration;
        this.ports = ports;
    }

    void count(int count) {
        if (count < 1 || count > 3) {
            throw new IllegalArgumentException("a lab cluster has 1 to 3 nodes, not " + count);
        }
        this.count = count;
    }

    int count() {
        return count;
    }

    Path home() {
        return home;
    }

    /** Node {@code node} reaches PostgreSQL at {@code port} on this and every later start. */
    void databasePort(int node, int port) {
        check(node);
        databasePorts.put(node, port);
    }

    /** Options every node gets on this and every later start. */
    void addOptions(List<String> options) {
        serverOptions.addAll(options);
    }

    /** A stock copy of WildFly at {@link #home()}, for the configuration to change. */
    void copyStock() {
        copy(parts.wildfly(), home);
    }

    /** Each further node's base directory: a copy of node 1's, configured but never run. */
    void copyBaseDirectories() {
        for (int node = 2; node <= count; node++) {
            copy(baseDir(1), baseDir(node));
        }
    }

    /**
     * Starts node 1, which creates the schema and seeds the catalogue on the fresh database, then
     * the other nodes at once (their boots overlap); returns when all serve orders.
     */
    void startAll() throws IOException, InterruptedException {
        start(1);
        if (count == 1) {
            return;
        }
        ExecutorService boots = Executors.newFixedThreadPool(count);
        try {
            List<Future<Void>> started = new ArrayList<>();
            for (int node = 2; node <= count; node++) {
                int which = node;
                started.add(
                        boots.submit(
                                () -> {
                                    start(which);
                                    return null;
                                }));
            }
            for (Future<Void> boot : started) {
                try {
                    boot.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            boots.shutdown();
        }
    }

    /**
     * Starts node {@code node} on its existing data with the lab's options plus {@code
     * extraOptions}; returns once it serves orders.
     */
    void start(int node, String... extraOptions) throws IOException, InterruptedException {
        check(node);
        List<String> options =
                new ArrayList<>(
                        configuration.nodeOptions(
                                node,
                                databasePorts.getOrDefault(node, ports.postgres()),
                                portOffset(node)));
        options.addAll(serverOptions);
        options.addAll(List.of(extraOptions));
        ServerProcess started =
                ServerProcess.start(
                        home,
                        parts.ear(),
                        baseDir(node),
                        CONFIGURATION,
                        SERVER_START,
                        options.toArray(String[]::new));
        synchronized (nodes) {
            while (nodes.size() < node) {
                nodes.add(null);
            }
            nodes.set(node - 1, started);
        }
    }

    /** Node {@code node} (1-based), as last started. */
    ServerProcess node(int node) {
        check(node);
        return nodes.get(node - 1);
    }

    /** The order API's base URI on node {@code node}. */
    URI baseUri(int node) {
        check(node);
        return URI.create("http://127.0.0.1:" + (8080 + portOffset(node)) + "/outbox/");
    }

    /** Every node's base URI, node 1 first. */
    List<URI> baseUris() {
        List<URI> uris = new ArrayList<>();
        for (int node = 1; node <= count; node++) {
            uris.add(baseUri(node));
        }
        return uris;
    }

    /** Node {@code node}'s metrics in Prometheus form, on its management interface. */
    URI metricsUri(int node) {
        check(node);
        return URI.create("http://127.0.0.1:" + (9990 + portOffset(node)) + "/metrics");
    }

    /** Runs WildFly CLI commands against node {@code node} (local authentication). */
    String cli(int node, String commands) {
        check(node);
        Command.Result result =
                Command.run(
                        Map.of(),
                        120,
                        home.resolve("bin/jboss-cli.sh").toString(),
                        "-c",
                        "--controller=127.0.0.1:" + (9990 + portOffset(node)),
                        "--commands=" + commands);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("jboss-cli failed: " + result.output());
        }
        return result.output();
    }

    /** Lets every frozen node run again, then stops each gracefully. */
    void closeAll() throws InterruptedException {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.resume();
                node.close();
            }
        }
    }

    private int portOffset(int node) {
        return ports.portOffset() + 100 * (node - 1);
    }

    /** Node {@code node}'s server configuration file. */
    Path configuration(int node) {
        return baseDir(node).resolve("configuration").resolve(CONFIGURATION);
    }

    private Path baseDir(int node) {
        return node == 1 ? home.resolve("standalone") : home.resolve("node-" + node);
    }

    private void check(int node) {
        if (node < 1 || node > count) {
            throw new IllegalArgumentException(
                    "node " + node + " is not one of this topology's " + count + " nodes");
        }
    }

    private static void copy(Path from, Path to) {
        Command.Result copy =
                Command.run(Map.of(), 120, "cp", "-r", from.toString(), to.toString());
        if (copy.exitCode() != 0) {
            throw new IllegalStateException(copy.output());
        }
    }
}
