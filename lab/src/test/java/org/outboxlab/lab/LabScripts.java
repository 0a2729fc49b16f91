package org.outboxlab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the repository's lab scripts as a user would, for the tests of what they answer. */
public final class LabScripts {

    /** What a script printed and how it ended. */
    public record Run(int exitCode, String out, String err) {}

    private LabScripts() {}

    /** The repository's root: the lab module's parent, where Maven runs this module's tests. */
    public static Path root() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        return Files.isDirectory(here.resolve("lab/help")) ? here : here.getParent();
    }

    /** Runs {@code bash SCRIPT ARGS} in the repository's root; fails if it takes a minute. */
    public static Run bash(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("lab-script", ".out");
        Path err = Files.createTempFile("lab-script", ".err");
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(root().toFile())
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile())
                            .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not answer within a minute");
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Every long option name ({@code --name}) a usage text lists. */
    public static List<String> optionNames(String usage) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*").matcher(usage);
        while (m.find()) {
            if (!names.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
