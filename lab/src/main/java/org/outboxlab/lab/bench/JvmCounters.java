package org.outboxlab.lab.bench;

import java.util.HashMap;
import java.util.Map;
import org.outboxlab.control.Command;

/**
 * A running JVM's own counters, read with {@code jcmd PID PerfCounter.print}: the time its JIT
 * compilers and its garbage collectors have spent so far. Two readings tell whether an interval's
 * CPU went to compiling and collecting rather than to the work measured.
 */
record JvmCounters(double compileSeconds, double gcSeconds) {

    static JvmCounters read(long pid) {
        Command.Result result =
                Command.run(Map.of(), 30, "jcmd", Long.toString(pid), "PerfCounter.print");
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    "jcmd " + pid + " PerfCounter.print: " + result.output());
        }
        Map<String, Long> counters = new HashMap<>();
        for (String line : result.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(eq + 1).trim().matches("\\d+")) {
                counters.put(
                        line.substring(0, eq).trim(),
                        Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        double ticks = counters.getOrDefault("sun.os.hrt.frequency", 1_000_000_000L);
        long gc = 0;
        for (int collector = 0;
                counters.containsKey("sun.gc.collector." + collector + ".time");
                collector++) {
            gc += counters.get("sun.gc.collector." + collector + ".time");
        }
        return new JvmCounters(counters.getOrDefault("java.ci.totalTime", 0L) / ticks, gc / ticks);
    }

    /** The compile and GC time spent between {@code earlier} and this reading. */
    JvmCounters since(JvmCounters earlier) {
        return new JvmCounters(
                compileSeconds - earlier.compileSeconds, gcSeconds - earlier.gcSeconds);
    }
}
