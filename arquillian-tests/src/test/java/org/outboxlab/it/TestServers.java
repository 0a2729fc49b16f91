package org.outboxlab.it;

import java.nio.file.Path;
import org.outboxlab.control.LabPorts;
import org.outboxlab.control.LabTopology;
import org.outboxlab.control.ServerParts;

/** The process-level tests' lab: its topology from this build's parts, and its servers' options. */
final class TestServers {

    /**
     * C1 only: WildFly boots about a third faster (13.7 s against 8.7-10.7 s with the EAR, 2
     * cores), and the tests restart servers often under a light load; never for the benchmark.
     */
    static final String FAST_BOOT = "-XX:TieredStopAtLevel=1";

    private TestServers() {}

    /**
     * A lab topology of this module's build: jms-config of the project root ({@code project.root}),
     * the server parts in {@code target/}, the EAR ({@code outbox.ear}), the work directory {@code
     * work.dir}.
     */
    static LabTopology topology(LabPorts ports) {
        Path root = Path.of(System.getProperty("project.root")).toAbsolutePath().normalize();
        return new LabTopology(
                root.resolve("jms-config"),
                ServerParts.in(
                        Path.of("target").toAbsolutePath(),
                        Path.of(System.getProperty("outbox.ear"))),
                Path.of(System.getProperty("work.dir")),
                ports);
    }
}
