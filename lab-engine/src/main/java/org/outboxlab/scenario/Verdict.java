package org.outboxlab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a comparison says of each write mode across all its scenarios, one line per mode, to read
 * before the table: whether it kept its promise (nothing lost, invented, duplicated or reordered)
 * and where not, how many writes it refused, how many events it dead-lettered, and its slowest
 * recovery.
 */
public final class Verdict {

    /**
     * What the verdict needs of one run; {@code recoverySeconds} is {@code null} when it never
     * recovered.
     */
    public record Run(
            String mode,
            String scenario,
            long rejected,
            long lost,
            long phantom,
            long duplicateEffects,
            long outOfOrder,
            long deadLettered,
            Double recoverySeconds) {

        public static Run of(RunResult r) {
            return new Run(
                    r.mode(),
                    r.scenario(),
                    r.rejected(),
                    r.lost(),
                    r.phantom(),
                    r.duplicateEffects(),
                    r.outOfOrder(),
                    r.deadLettered(),
                    r.recoverySeconds());
        }

        long broken() {
            return lost + phantom + duplicateEffects + outOfOrder;
        }
    }

    private Verdict() {}

    /** One line per mode, in the order the modes first appear. */
    public static List<String> lines(List<Run> runs) {
        Map<String, List<Run>> byMode = new LinkedHashMap<>();
        runs.forEach(r -> byMode.computeIfAbsent(r.mode(), m -> new ArrayList<>()).add(r));
        List<String> lines = new ArrayList<>();
        byMode.forEach((mode, these) -> lines.add(line(mode, these)));
        return lines;
    }

    private static String line(String mode, List<Run> runs) {
        List<String> scenarios = runs.stream().map(Run::scenario).distinct().toList();
        List<String> broken =
                runs.stream().filter(r -> r.broken() > 0).map(Run::scenario).distinct().toList();
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
                    .append(sum(runs, Run::lost))
                    .append(", invented ")
                    .append(sum(runs, Run::phantom))
                    .append(", duplicated ")
                    .append(sum(runs, Run::duplicateEffects))
                    .append(", reordered ")
                    .append(sum(runs, Run::outOfOrder));
        }
        line.append("; refused ")
                .append(sum(runs, Run::rejected))
                .append(" writes; dead-lettered ")
                .append(sum(runs, Run::deadLettered));
        List<String> never =
                runs.stream()
                        .filter(r -> r.recoverySeconds() == null)
                        .map(Run::scenario)
                        .distinct()
                        .toList();
        if (!never.isEmpty()) {
            line.append("; never recovered in ").append(String.join(", ", never));
        } else {
            runs.stream()
                    .max(java.util.Comparator.comparingDouble(Run::recoverySeconds))
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

    private static long sum(List<Run> runs, java.util.function.ToLongFunction<Run> field) {
        return runs.stream().mapToLong(field).sum();
    }
}
