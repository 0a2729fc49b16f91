package org.outboxlab.lab;

import java.nio.file.Path;
import org.outboxlab.control.ServerParts;

/** The server parts and the EAR this module's build put in {@code lab/target} (see its pom). */
public final class LabParts {

    private LabParts() {}

    /** The parts under {@code root/lab/target}, {@code root} being the project's root directory. */
    public static ServerParts of(Path root) {
        Path target = root.resolve("lab").resolve("target");
        return ServerParts.in(target, target.resolve("server-parts").resolve("outbox.ear"));
    }
}
