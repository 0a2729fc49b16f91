package org.outboxlab.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command (a jms-config script, say) to completion and keeps what it printed. */
public final class Command {

    /** How a command ended: its exit code and its standard output and error, interleaved. */
    public record Result(int exitCode, String output) {}

    private Command() {}

    /**
     * Runs {@code command} with extra environment {@code env}; fails if it runs longer than {@code
     * timeoutSeconds} (the process is then killed, whatever it was printing).
     */
    public static Result run(Map<String, String> env, long timeoutSeconds, String... command) {
        Path output = null;
        try {
            output = Files.createTempFile("command-", ".out");
            ProcessBuilder builder =
                    new ProcessBuilder(List.of(command))
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(
                        String.join(" ", command) + " ran longer than " + timeoutSeconds + " s");
            }
            return new Result(
                    process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** Runs a bash script with arguments, failing unless it exits 0. */
    public static String bash(Path script, String... args) {
        return bash(Map.of(), script, args);
    }

    /**
     * As {@link #bash(Path, String...)}, with {@code environment} added to the script's (secrets go
     * here, not in arguments).
     */
    public static String bash(Map<String, String> environment, Path script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Result result = run(environment, 300, command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError(
                    script.getFileName() + " exited " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }
}
