package org.outboxlab.lab;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.testsupport.ServerProcess;

/**
 * The sample run: starts WildFly with the EAR, places orders in each write mode and drives them
 * through their lifecycle, then prints what every consumer applied, as the server reports it.
 * No fault is injected: this shows the three modes working, not how they fail.
 *
 * <p>Arguments: {@code JBOSS_HOME EAR WORK_DIR [ORDERS_PER_MODE]}.
 */
public final class SampleRun {

    private static final List<String> MODES = WriteMode.comparedNames();
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private SampleRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SampleRun JBOSS_HOME EAR WORK_DIR [ORDERS_PER_MODE]");
            System.exit(2);
        }
        int perMode = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        if (perMode < 1 || perMode > 10_000) {
            System.err.println("ORDERS_PER_MODE must be between 1 and 10000, was " + perMode);
            System.exit(2);
        }
        Path base = Path.of(args[2]).toAbsolutePath().resolve("standalone");
        System.out.println("starting WildFly with the outbox EAR (server files in " + base + ") ...");
        try (ServerProcess server = ServerProcess.startFresh(Path.of(args[0]), Path.of(args[1]), base,
                "standalone-full.xml", Duration.ofSeconds(180))) {
            System.out.println("WildFly is up (pid " + server.pid() + "); placing " + perMode + " orders per mode");
            LabHttp api = new LabHttp();
            List<String> rows = new ArrayList<>();
            for (String mode : MODES) {
                rows.add(run(api, mode, perMode));
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%-7s %7s %8s %7s %13s %10s %16s %12s%n", "mode", "orders", "rejected", "events",
                    "fulfilment", "notified", "ledger postings", "settled in");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("Each order is placed, paid, then shipped (or cancelled); one order per mode asks for "
                    + "more stock than there is and is rejected with nothing written. The consumer columns count "
                    + "events applied, read back from GET /api/orders/{id}.");
        }
    }

    private static String run(LabHttp api, String mode, int count) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<String> orders = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < count; i++) {
            LabHttp.Reply placed = api.place("sample-" + mode.toLowerCase(Locale.ROOT) + "-" + i, mode, "BOOK-2", 1);
            if (placed.status() != 201) {
                throw new IllegalStateException(mode + " order refused: HTTP " + placed.status() + " " + placed.body());
            }
            String orderId = placed.body().getString("orderId");
            api.advance(orderId, "pay");
            api.advance(orderId, i % 5 == 4 ? "cancel" : "ship");
            orders.add(orderId);
        }
        if (api.place("sample-short-" + mode.toLowerCase(Locale.ROOT), mode, "LIMITED-1", 1_000).status() == 409) {
            rejected++;
        }
        int[] applied = settle(api, orders);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%-7s %7d %8d %7d %13d %10d %16d %11.1fs", mode, orders.size(), rejected, applied[0],
                applied[1], applied[2], applied[3], seconds);
    }

    /** Waits until every consumer applied every event of {@code orders}; returns events and per-consumer counts. */
    private static int[] settle(LabHttp api, List<String> orders) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int[] counts;
        do {
            counts = new int[4];
            for (String orderId : orders) {
                JsonObject order = api.order(orderId).body();
                counts[0] += order.getJsonArray("events").size();
                for (JsonObject effect : order.getJsonArray("effects").getValuesAs(JsonObject.class)) {
                    int index = switch (effect.getString("consumer")) {
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
