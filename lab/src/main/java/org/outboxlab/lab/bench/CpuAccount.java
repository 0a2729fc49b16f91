package org.outboxlab.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from /proc) of every process on the machine, summed by part: the
 * processes named by the caller (WildFly nodes), PostgreSQL, the Artemis brokers, this benchmark
 * and the rest. Two readings give how a measured interval's CPU was shared out.
 */
final class CpuAccount {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> ticks;

    private CpuAccount(Map<String, Long> ticks) {
        this.ticks = ticks;
    }

    /** Reads every process now; {@code named} labels some of them by process id. */
    static CpuAccount read(Map<Long, String> named) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long pid = Long.parseLong(name);
                    ticks.merge(label(pid, comm, process, named, self), used, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read: its time is not counted
                }
            }
        }
        return new CpuAccount(ticks);
    }

    private static String label(
            long pid, String comm, Path process, Map<Long, String> named, long self)
            throws IOException {
        if (named.containsKey(pid)) {
            return named.get(pid);
        }
        if (pid == self) {
            return "benchmark";
        }
        if (comm.equals("postgres")) {
            return "postgres";
        }
        if (comm.equals("java")
                && new String(Files.readAllBytes(process.resolve("cmdline"))).contains("artemis")) {
            return "artemis";
        }
        return "other";
    }

    /** CPU seconds of each part between {@code earlier} and this reading. */
    Map<String, Double> secondsSince(CpuAccount earlier) {
        Map<String, Double> seconds = new TreeMap<>();
        ticks.forEach(
                (part, used) ->
                        seconds.put(
                                part,
                                (used - earlier.ticks.getOrDefault(part, 0L)) / TICKS_PER_SECOND));
        return seconds;
    }
}
