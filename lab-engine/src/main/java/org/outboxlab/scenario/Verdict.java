package org.outboxlab.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a comparison says of each write mode across all its {@link LabRun}s, one line per mode, to
 * read before the table: whether it kept its promise (nothing lost, invented, duplicated or
 * reordered) and where not, how many writes it refused, how many events it dead-lettered, and its
 * slowest recovery.
 */
public final class Verdict {

    private Verdict() {}

    /** One line per mode (per relay strategy of a relayed mode), in the order they first appear. */
    public static List<String> lines(List<LabRun> runs) {
        Map<String, List<LabRun>> byMode = new LinkedHashMap<>();
        runs.forEach(r -> byMode.computeIfAbsent(r.row(), m -> new ArrayList<>()).add(r));
        List<String> lines = new ArrayList<>();
        byMode.forEach((mode, these) -> lines.add(line(mode, these)));
        return lines;
    }

    private static String line(String mode, List<LabRun> runs) {
        List<String> scenarios = runs.stream().map(LabRun::scenario).distinct().toList();
        List<String> broken =
                runs.stream().filter(r -> r.broken() > 0).map(LabRun::scenario).distinct().toList();
        StringBuilder line = new StringBuilder(mode).append(": ");
        if (broken.isEmpty()) {
            line.append("kept its promise in all ")
                    .append(scenarios.size())
                    .append(" scenarios (nothing lost, invented, " + "duplicated or reordered)");
        } else {
            line.append("BROKE its promise in ")
                    .append(broken.size())
                    .append(" of ")
                    .append(scenarios.size())
                    .append(" scenarios (")
                    .append(String.join(", ", broken))
                    .append("): lost ")
                    .append(sum(runs, LabRun::lost))
                    .append(", invented ")
                    .append(sum(runs, LabRun::phantom))
                    .append(", duplicated ")
                    .append(
                            sum(runs, LabRun::duplicateEffects)
                                    + sum(runs, LabRun::effectKeyRollbacks))
                    .append(", reordered ")
                    .append(sum(runs, LabRun::outOfOrder));
        }
        line.append("; refused ")
                .append(sum(runs, LabRun::rejected))
                .append(" writes; dead-lettered ")
                .append(sum(runs, LabRun::deadLettered));
        List<String> never =
                runs.stream()
                        .filter(r -> r.recoverySeconds() == null)
                        .map(LabRun::scenario)
                        .distinct()
                        .toList();
        if (!never.isEmpty()) {
            line.append("; never recovered in ").append(String.join(", ", never));
        } else {
            runs.stream()
                    .max(Comparator.comparing(LabRun::recoverySeconds))
                    .ifPresent(
                            slowest ->
                                    line.append("; slowest recovery ")
                                            .append(
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%.1f",
                                                            slowest.recoverySeconds()))
                                            .append(" s (")
                                            .append(slowest.scenario())
                                            .append(')'));
        }
        return line.toString();
    }

    private static long sum(List<LabRun> runs, Function<LabRun, Long> field) {
        return runs.stream().mapToLong(r -> LabRun.n(field.apply(r))).sum();
    }
}
