package org.outboxlab.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A moment inside a WildFly node at which the lab's Byteman rules ({@code crash-points.btm}) make
 * the node stop its own JVM (SIGSTOP): a freeze an outside SIGSTOP hits only by chance. Armed by a
 * file in the node's data directory, which the rule deletes as it fires, so once per arming; the
 * rule prints {@link #reachedLine()} first. {@link ServerProcess#resume()} lets the node run on.
 */
public enum PausePoint {
    /** Inside a relay batch: its messages sent to the broker, the broker commit next. */
    RELAY_BEFORE_BROKER_COMMIT("relay-before-broker-commit", "outbox-pause-before-broker-commit"),
    /** Inside a heartbeat: its lease rows locked and updated, its transaction not yet committed. */
    HEARTBEAT_BEFORE_COMMIT("heartbeat-before-commit", "outbox-pause-in-heartbeat");

    private final String id;
    private final String armingFile;

    PausePoint(String id, String armingFile) {
        this.id = id;
        this.armingFile = armingFile;
    }

    public String id() {
        return id;
    }

    /** The file in a node's data directory that arms the rule. */
    public String armingFile() {
        return armingFile;
    }

    /** The line the rule prints as it freezes the JVM. */
    public String reachedLine() {
        return "outbox fault point " + id + " reached: pausing the JVM";
    }

    /**
     * Arms {@code node} and waits until it printed {@link #reachedLine()} and its JVM stopped;
     * returns when, or null (disarmed again) if it did not reach the point within {@code wait}.
     *
     * @throws IllegalStateException if the rule fired but the JVM never stopped
     */
    public Instant freeze(ServerProcess node, Duration wait)
            throws IOException, InterruptedException {
        ServerProcess.OutputMark mark = node.outputMark();
        Path arming = node.dataDir().resolve(armingFile);
        Files.deleteIfExists(arming);
        Files.createFile(arming);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (node.printedSince(reachedLine(), mark) && node.stopped()) {
                return Instant.now();
            }
            Thread.sleep(100);
        }
        if (Files.deleteIfExists(arming)) {
            return null;
        }
        throw new IllegalStateException(
                id
                        + ": the rule took the arming file but the node did not freeze within "
                        + wait.toSeconds()
                        + " s; see "
                        + node.serverLog());
    }
}
