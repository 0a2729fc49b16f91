package org.outboxlab.lab;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.control.Command;
import org.outboxlab.control.Directories;
import org.outboxlab.control.ServerParts;
import org.outboxlab.control.ServerProcess;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * The sample run: starts WildFly with the EAR, places orders in each write mode and drives them
 * through their lifecycle, then prints what every consumer applied, as the server reports it. No
 * fault is injected: this shows the three modes working, not how they fail.
 *
 * <p>Arguments (picocli): {@code PROJECT_ROOT WORK_DIR [ORDERS_PER_MODE]}; WildFly is configured
 * afresh in {@code WORK_DIR} from the server parts of this module's build.
 */
@CommandLine.Command(
        name = "lab/run.sh",
        description = "A short sample: orders in each write mode and what every consumer applied.")
public final class SampleRun {

    @Parameters(
            index = "0",
            paramLabel = "PROJECT_ROOT",
            description = "the project's root directory")
    Path root;

    @Parameters(
            index = "1",
            paramLabel = "WORK_DIR",
            description = "where the sample's WildFly lives (emptied first)")
    Path work;

    @Parameters(
            index = "2",
            paramLabel = "ORDERS_PER_MODE",
            defaultValue = "20",
            arity = "0..1",
            description = "orders per write mode, 1 to 10000 (default: ${DEFAULT-VALUE})")
    int perMode;

    private static final List<String> MODES =
            WriteMode.ON_EVERY_DATABASE.stream().map(Enum::name).toList();
    private static final Duration SETTLE = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        SampleRun sample = new SampleRun();
        try {
            new CommandLine(sample).parseArgs(args);
            if (sample.perMode < 1 || sample.perMode > 10_000) {
                throw new IllegalArgumentException(
                        "ORDERS_PER_MODE must be between 1 and 10000, was " + sample.perMode);
            }
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println("run: " + e.getMessage());
            System.err.print(
                    new CommandLine(new SampleRun()).getUsageMessage(CommandLine.Help.Ansi.OFF));
            System.exit(2);
        }
        sample.run();
    }

    private void run() throws Exception {
        Path root = this.root.toAbsolutePath();
        ServerParts parts = LabParts.of(root);
        Path work = this.work.toAbsolutePath();
        Path home = work.resolve("wildfly");
        System.out.println(
                "configuring a WildFly of its own with configure-wildfly.sh (H2, embedded broker) in "
                        + home
                        + " ...");
        Directories.deleteRecursively(work);
        Files.createDirectories(work);
        Command.Result copy =
                Command.run(Map.of(), 120, "cp", "-r", parts.wildfly().toString(), home.toString());
        if (copy.exitCode() != 0) {
            throw new IllegalStateException(copy.output());
        }
        Command.bash(
                root.resolve("jms-config/configure-wildfly.sh"), home.toString(), "--no-users");
        System.out.println("starting WildFly with the outbox EAR ...");
        try (ServerProcess server =
                ServerProcess.start(
                        home,
                        parts.ear(),
                        home.resolve("standalone"),
                        "standalone-full.xml",
                        Duration.ofSeconds(180))) {
            System.out.println(
                    "WildFly is up (pid "
                            + server.pid()
                            + "); placing "
                            + perMode
                            + " orders per mode");
            LabHttp api = new LabHttp();
            List<String> rows = new ArrayList<>();
            for (String mode : MODES) {
                rows.add(run(api, mode, perMode));
            }
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "%-7s %7s %8s %7s %13s %10s %16s %12s%n",
                    "mode",
                    "orders",
                    "rejected",
                    "events",
                    "fulfilment",
                    "notified",
                    "ledger postings",
                    "settled in");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println(
                    "Each order is placed, paid, then shipped (or cancelled); one order per mode asks for "
                            + "more stock than there is and is rejected with nothing written. The consumer columns count "
                            + "events applied, read back from GET /api/orders/{id}.");
        }
    }

    private static String run(LabHttp api, String mode, int count)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<String> orders = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < count; i++) {
            LabHttp.Reply placed =
                    api.place(
                            "sample-" + mode.toLowerCase(Locale.ROOT) + "-" + i, mode, "BOOK-2", 1);
            if (placed.status() != 201) {
                throw new IllegalStateException(
                        mode + " order refused: HTTP " + placed.status() + " " + placed.body());
            }
            String orderId = placed.body().getString("orderId");
            api.advance(orderId, "pay");
            api.advance(orderId, i % 5 == 4 ? "cancel" : "ship");
            orders.add(orderId);
        }
        if (api.place("sample-short-" + mode.toLowerCase(Locale.ROOT), mode, "LIMITED-1", 1_000)
                        .status()
                == 409) {
            rejected++;
        }
        int[] applied = settle(api, orders);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(
                Locale.ROOT,
                "%-7s %7d %8d %7d %13d %10d %16d %11.1fs",
                mode,
                orders.size(),
                rejected,
                applied[0],
                applied[1],
                applied[2],
                applied[3],
                seconds);
    }

    /**
     * Waits until every consumer applied every event of {@code orders}; returns events and
     * per-consumer counts.
     */
    private static int[] settle(LabHttp api, List<String> orders)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int[] counts;
        do {
            counts = new int[4];
            for (String orderId : orders) {
                JsonObject order = api.order(orderId).body();
                counts[0] += order.getJsonArray("events").size();
                for (JsonObject effect :
                        order.getJsonArray("effects").getValuesAs(JsonObject.class)) {
                    int index =
                            switch (effect.getString("consumer")) {
                                case "fulfilment" -> 1;
                                case "notification" -> 2;
                                default -> 3;
                            };
                    counts[index] += effect.getInt("eventsApplied");
                }
            }
            if (counts[1] == counts[0] && counts[2] == counts[0] && counts[3] == counts[0]) {
                return counts;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return counts;
    }
}
