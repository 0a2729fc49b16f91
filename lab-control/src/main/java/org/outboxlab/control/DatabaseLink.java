package org.outboxlab.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WildFly node's TCP path to PostgreSQL, on a loopback port of its own, that the lab can cut:
 * while cut, every connection through it is closed and every new one is closed as soon as it is
 * accepted, so the node finds the database gone while the other nodes still reach it; mended, it
 * forwards again. It counts what it cut and refused, so a run can tell that the node really went
 * through it.
 */
final class DatabaseLink implements AutoCloseable {

    private final ServerSocket server;
    private final int target;

    /** The connections forwarded now: the node's socket and the one to PostgreSQL. */
    private final Set<Forwarded> open = ConcurrentHashMap.newKeySet();

    private final AtomicLong refused = new AtomicLong();
    private volatile boolean cut;

    private DatabaseLink(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    /** A link from a free loopback port to PostgreSQL at {@code target}, forwarding. */
    static DatabaseLink to(int target) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            DatabaseLink link = new DatabaseLink(server, target);
            Thread acceptor = new Thread(link::accept, "database-link-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a link to PostgreSQL :" + target, e);
        }
    }

    /** The loopback port the node connects to instead of PostgreSQL's. */
    int port() {
        return server.getLocalPort();
    }

    /**
     * Cuts the link: closes every connection through it and refuses new ones until {@link #mend};
     * returns how many connections it closed.
     */
    long cut() {
        cut = true;
        long closed = 0;
        for (Forwarded connection : Set.copyOf(open)) {
            connection.close();
            closed++;
        }
        return closed;
    }

    /** Forwards new connections again; returns how many it refused since the last cut. */
    long mend() {
        cut = false;
        return refused.getAndSet(0);
    }

    @Override
    public void close() {
        cut = true;
        closeQuietly(server);
        Set.copyOf(open).forEach(Forwarded::close);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                refused.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            try {
                Socket database = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                database.setTcpNoDelay(true);
                Forwarded connection = new Forwarded(client, database);
                open.add(connection);
                pump(connection, client, database);
                pump(connection, database, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies {@code from} to {@code to} on a thread of its own; closes both when either ends. */
    private void pump(Forwarded connection, Socket from, Socket to) {
        Thread thread =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                for (int n; (n = in.read(buffer)) >= 0; ) {
                                    out.write(buffer, 0, n);
                                }
                            } catch (SocketException ended) {
                                // closed by the other direction or by a cut
                            } catch (IOException e) {
                                // the connection broke: both ends close below
                            } finally {
                                connection.close();
                                open.remove(connection);
                            }
                        },
                        "database-link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** A connection the link forwards. */
    private record Forwarded(Socket node, Socket database) {
        void close() {
            closeQuietly(node);
            closeQuietly(database);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken
        }
    }
}
