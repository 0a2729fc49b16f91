package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.outboxlab.control.Directories;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.ConsoleLogin;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.browser.ConsoleBrowser;

/**
 * An operator's work in a real browser: pause the relay and watch the backlog grow on the
 * dashboard, resume and watch it drain; tune the relay; replay a dead letter and see its effect
 * applied, discard another; read the lab's reports; start a comparison, watch it run and read its
 * report.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class OperationsConsoleIT {

    private static final String FULFILMENT = "FulfilmentEvents";

    /**
     * Posts the lab page's Start button with the view state of the page the browser shows, as a
     * forger would.
     */
    private static final String FORGED_START =
            """
            var viewState = document.querySelector('input[name="jakarta.faces.ViewState"]').value;
            var body = new URLSearchParams();
            body.append('lab', 'lab');
            body.append('lab:modes', 'OUTBOX');
            body.append('lab:scenarios', 'baseline');
            body.append('lab:clients', '1');
            body.append('lab:rate', '2');
            body.append('lab:seconds', '3');
            body.append('lab:start', 'Start');
            body.append('jakarta.faces.ViewState', viewState);
            var xhr = new XMLHttpRequest();
            xhr.open('POST', document.getElementById('session').action, false);
            xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
            xhr.send(body.toString());
            return xhr.status + ' ' + xhr.responseText;""";

    @ArquillianResource ManagementClient management;

    @Deployment(testable = false)
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(OperationsConsoleIT.class);
    }

    @Test
    public void backlogGrowsWhileThePausedRelayHoldsItAndDrainsOnResume() {
        OrderApi api = OrderApi.local();
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleLogin.admin(), "relay.xhtml");
            browser.click(By.id("relay:pause"));
            assertTrue(browser.text(By.id("messages")).contains("Relay paused"));
            assertEquals("paused", browser.text(By.id("relay-state")));
            try {
                browser.open("dashboard.xhtml");
                long before = number(browser.text(By.id("pending")));
                List<String> orders = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    orders.add(api.placed("console-" + i, "OUTBOX", "TEE-1", 1));
                }
                // No navigation: the dashboard's poll brings the new figure.
                browser.awaitText(
                        By.id("pending"),
                        text -> number(text) >= before + 6,
                        Duration.ofSeconds(15));
                assertEquals("paused", browser.text(By.id("relay-state")));
                assertTrue(
                        browser.text(By.id("lag")).endsWith("s")
                                || browser.text(By.id("lag")).endsWith("min"));
                browser.screenshot("dashboard-backlog-growing");
            } finally {
                browser.open("relay.xhtml").click(By.id("relay:resume"));
            }
            assertEquals("running", browser.text(By.id("relay-state")));
            browser.open("dashboard.xhtml");
            browser.awaitText(By.id("pending"), "0"::equals, Duration.ofSeconds(30));
            assertEquals("running", browser.text(By.id("relay-state")));
            assertTrue(
                    browser.all(By.cssSelector("#pending-line"))
                            .get(0)
                            .getAttribute("points")
                            .contains(","),
                    "the pending chart has points");
            browser.screenshot("dashboard-drained");
        }
    }

    @Test
    public void relaySettingsTakeEffectAtOnceAndBadValuesAreRefused() {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleLogin.admin(), "relay.xhtml");
            String interval = browser.text(By.id("effective-interval"));
            String batch = browser.text(By.id("effective-batch"));
            try {
                set(browser, "relay:interval", "250");
                set(browser, "relay:batch", "7");
                browser.click(By.id("relay:apply"));
                assertEquals("250 ms", browser.text(By.id("effective-interval")));
                assertEquals("7 rows", browser.text(By.id("effective-batch")));
                browser.screenshot("relay-tuned");

                set(browser, "relay:batch", "0");
                browser.click(By.id("relay:apply"));
                assertFalse(
                        browser.all(By.cssSelector(".error")).isEmpty(),
                        "a batch size of 0 is refused");
                browser.open("relay.xhtml");
                assertEquals("7 rows", browser.text(By.id("effective-batch")));
            } finally {
                browser.open("relay.xhtml");
                set(browser, "relay:interval", interval.replace(" ms", ""));
                set(browser, "relay:batch", batch.replace(" rows", ""));
                browser.click(By.id("relay:apply"));
            }
            assertEquals(batch, browser.text(By.id("effective-batch")));
        }
    }

    @Test
    public void deadLetterReplayedToItsQueueIsAppliedAndOneDiscardedIsGone() {
        OrderApi api = OrderApi.local();
        String replayed;
        String discarded;
        String replayedWithAll;
        ModelNode consumer = fulfilmentConsumer();
        execute(op(consumer, "stop-delivery"));
        try {
            replayed = api.placed("dlq-replay", "OUTBOX", "MUG-1", 1);
            discarded = api.placed("dlq-discard", "OUTBOX", "MUG-1", 1);
            replayedWithAll = api.placed("dlq-replay-all", "OUTBOX", "MUG-1", 1);
            // With the fulfilment consumer stopped its copies wait in its queue; move them to the
            // DLQ as
            // the broker does after the last failed delivery.
            for (String orderId : List.of(replayed, discarded, replayedWithAll)) {
                String filter = "aggregateId='" + orderId + "'";
                Await.until(
                        "the fulfilment copy of " + orderId,
                        Duration.ofSeconds(30),
                        () -> count(subscription(FULFILMENT), filter) == 1,
                        () -> count(subscription(FULFILMENT), filter));
                ModelNode move = op(subscription(FULFILMENT), "move-messages");
                move.get("filter").set(filter);
                move.get("other-queue-name").set("jms.queue." + FULFILMENT + ".DLQ");
                assertEquals(1, execute(move).asInt());
            }
        } finally {
            execute(op(consumer, "start-delivery"));
        }

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleLogin.admin(), "orders.xhtml?orderId=" + replayed);
            browser.awaitText(By.cssSelector("#effect-notification .applied"), "yes"::equals);
            assertEquals("no", browser.text(By.cssSelector("#effect-fulfilment .applied")));

            browser.open("dead-letters.xhtml?consumer=fulfilment");
            assertEquals("FulfilmentEvents.DLQ", browser.text(By.id("queue")));
            browser.click(replayButton(browser, replayed, "replay"));
            assertTrue(
                    browser.text(By.id("question")).startsWith("Replay message ID:"),
                    browser.text(By.id("question")));
            browser.screenshot("dead-letter-confirm-replay");
            browser.click(By.id("confirm:yes"));
            assertTrue(
                    browser.text(By.id("messages")).contains("Replayed"),
                    browser.text(By.id("messages")));
            assertTrue(browser.all(By.cssSelector("tr[data-order='" + replayed + "']")).isEmpty());

            browser.click(replayButton(browser, discarded, "discard"));
            assertTrue(browser.text(By.id("question")).startsWith("Discard message"));
            browser.click(By.id("confirm:no"));
            assertFalse(
                    browser.all(By.cssSelector("tr[data-order='" + discarded + "']")).isEmpty(),
                    "cancel keeps it");
            browser.click(replayButton(browser, discarded, "discard"));
            browser.click(By.id("confirm:yes"));
            assertTrue(
                    browser.text(By.id("messages")).contains("Discarded"),
                    browser.text(By.id("messages")));
            assertTrue(browser.all(By.cssSelector("tr[data-order='" + discarded + "']")).isEmpty());
            assertEquals(0, count(queue(FULFILMENT + ".DLQ"), "aggregateId='" + discarded + "'"));
            browser.screenshot("dead-letters-after");

            // the rest at once: every message in the queue, whatever the page shows
            assertFalse(
                    browser.all(By.cssSelector("tr[data-order='" + replayedWithAll + "']"))
                            .isEmpty());
            long inQueue = count(queue(FULFILMENT + ".DLQ"), null);
            browser.click(By.id("all:replay-all"));
            assertTrue(
                    browser.text(By.id("question")).startsWith("Replay every message in"),
                    browser.text(By.id("question")));
            browser.click(By.id("confirm:yes"));
            assertTrue(
                    browser.text(By.id("messages"))
                            .contains(
                                    "Replayed "
                                            + inQueue
                                            + " message(s) of "
                                            + FULFILMENT
                                            + ".DLQ."),
                    browser.text(By.id("messages")));
            assertEquals(0, count(queue(FULFILMENT + ".DLQ"), null), "the queue is empty");

            // the operators' record, newest first: the replay of all, the discard, the replay
            browser.open("actions.xhtml");
            List<WebElement> rows = browser.all(By.cssSelector("#actions tbody tr"));
            assertEquals(
                    List.of("dead-letter-replay-all", "dead-letter-discard", "dead-letter-replay"),
                    rows.stream().limit(3).map(r -> r.getAttribute("data-action")).toList(),
                    browser.text(By.id("actions")));
            assertEquals(
                    String.valueOf(inQueue),
                    rows.get(0).findElement(By.className("affected")).getText());
            for (WebElement row : rows.subList(1, 3)) {
                assertEquals(
                        ConsoleLogin.admin().user(),
                        row.findElement(By.className("actor")).getText());
                assertEquals("1", row.findElement(By.className("affected")).getText());
                assertTrue(
                        row.findElement(By.className("target"))
                                .getText()
                                .startsWith(FULFILMENT + " ID:"),
                        row.getText());
            }
            browser.screenshot("console-actions");

            Await.until(
                    "the replayed event's fulfilment effect",
                    Duration.ofSeconds(30),
                    () ->
                            "yes"
                                    .equals(
                                            browser.open("orders.xhtml?orderId=" + replayed)
                                                    .text(
                                                            By.cssSelector(
                                                                    "#effect-fulfilment .applied"))),
                    () -> browser.text(By.id("effects")));
            assertEquals(
                    "1",
                    browser.text(By.cssSelector("#effect-fulfilment .num")),
                    "applied exactly once");
            browser.screenshot("order-after-replay");
            Await.until(
                    "the fulfilment effect of the event replayed with all the others",
                    Duration.ofSeconds(30),
                    () ->
                            "yes"
                                    .equals(
                                            browser.open("orders.xhtml?orderId=" + replayedWithAll)
                                                    .text(
                                                            By.cssSelector(
                                                                    "#effect-fulfilment .applied"))),
                    () -> browser.text(By.id("effects")));
            browser.open("orders.xhtml?orderId=" + discarded);
            assertEquals(
                    "no",
                    browser.text(By.cssSelector("#effect-fulfilment .applied")),
                    "a discarded event is not applied");
        }
    }

    @Test
    public void blockedPageShowsWhatWaitsAndReleasesAHeldEventPastAGapThatNeverCloses() {
        OrderApi api = OrderApi.local();
        OrderApi.Reply planted =
                api.post("../test-fixtures/held-event", "", "application/x-www-form-urlencoded");
        assertEquals(200, planted.status(), planted.body());
        String orderId = planted.body().trim();
        OrderApi.Reply failed =
                api.post(
                        "../test-fixtures/failed-event",
                        "payload=not-json&error=" + "broken+row",
                        "application/x-www-form-urlencoded");
        assertEquals(200, failed.status(), failed.body());
        String blockedOrder = failed.body().trim().split(" ")[1];
        Await.until(
                "the held-event gauge",
                Duration.ofSeconds(30),
                () ->
                        MetricsIT.value(
                                        metrics(),
                                        "outbox_consumer_held_events",
                                        "consumer=\"ledger\"")
                                >= 1,
                () ->
                        MetricsIT.value(
                                metrics(), "outbox_consumer_held_events", "consumer=\"ledger\""));

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleLogin.admin(), "blocked.xhtml");
            assertEquals(
                    1,
                    browser.all(
                                    By.cssSelector(
                                            "#blocked-orders tr[data-order='"
                                                    + blockedOrder
                                                    + "']"))
                            .size(),
                    "the order behind its FAILED event is listed");
            String held = "#held-events tr[data-order='" + orderId + "']";
            assertEquals(
                    3,
                    browser.all(By.cssSelector(held)).size(),
                    "each consumer holds the paid event");
            assertEquals(
                    "1",
                    browser.text(By.cssSelector(held + "[data-consumer='ledger'] .waits-for")));
            browser.screenshot("blocked");
            for (String consumer : List.of("ledger", "fulfilment", "notification")) {
                browser.click(By.cssSelector(held + "[data-consumer='" + consumer + "'] .release"));
                assertTrue(
                        browser.text(By.id("question"))
                                .startsWith("Release the held events of order " + orderId),
                        browser.text(By.id("question")));
                browser.click(By.id("confirm:yes"));
                assertTrue(
                        browser.text(By.id("messages")).contains("1 event(s) applied"),
                        browser.text(By.id("messages")));
                assertTrue(
                        browser.all(By.cssSelector(held + "[data-consumer='" + consumer + "']"))
                                .isEmpty());
            }
        }
        JsonObject order = api.order(orderId).object();
        JsonObject paid =
                order.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getInt("sequence") == 2)
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                paid.getJsonArray("effects").getValuesAs(JsonObject.class).stream()
                        .allMatch(e -> e.getBoolean("applied")),
                "the released event was applied by every consumer: " + order);
    }

    @Test
    public void labPageShowsEachReportAsATableAndCharts() throws IOException {
        Path results = Files.createTempDirectory("console-lab-results-");
        Files.createDirectories(results.resolve("20260101T000000Z"));
        Files.writeString(
                results.resolve("20260101T000000Z/report.json"),
                """
                {"generatedAt": "2026-01-01T00:00:00Z", "environment": {"cores": 2, "db": "h2"},
                 "command": "lab/compare.sh --modes OUTBOX,XA,NAIVE --scenario broker-outage <b>",
                 "runs": [
                  {"mode": "OUTBOX", "scenario": "broker-outage", "ordersAttempted": 100, "committed": 100, "rejected": 0,
                   "lost": 0, "phantom": 0, "duplicateEffects": 0, "duplicateDeliveries": 3, "outOfOrder": 0, "heuristic": 0,
                   "deadLettered": 0, "indeterminate": 0, "throughputPerSec": 250.5,
                   "latencyMs": {"p50": 4, "p95": 9, "p99": 15}, "recoverySeconds": 2.5},
                  {"mode": "NAIVE", "scenario": "broker-outage", "ordersAttempted": 100, "committed": 100, "rejected": 0,
                   "lost": 12, "phantom": 0, "duplicateEffects": 0, "duplicateDeliveries": 0, "outOfOrder": 0, "heuristic": 0,
                   "deadLettered": 0, "indeterminate": 0, "throughputPerSec": 400,
                   "latencyMs": {"p50": 2, "p95": 5, "p99": 8}, "recoverySeconds": 0}]}
                """);
        Files.createDirectories(results.resolve("20260102T000000Z"));
        Files.writeString(results.resolve("20260102T000000Z/report.json"), "{ not json");
        ModelNode property = new ModelNode();
        property.add("system-property", "outbox.lab.results-dir");
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleLogin.admin(), "lab.xhtml");
            assertTrue(browser.text(By.id("lab-problem")).contains("No results directory"));

            ModelNode add = op(property, "add");
            add.get("value").set(results.toString());
            execute(add);
            try {
                browser.open("lab.xhtml");
                WebElement report = browser.waitFor(By.id("report-20260101T000000Z"));
                assertEquals(2, report.findElements(By.cssSelector("table.runs tbody tr")).size());
                assertEquals(
                        4,
                        report.findElements(By.cssSelector("svg rect")).size(),
                        "two bar charts of two runs");
                assertTrue(
                        report.findElement(By.cssSelector("code.command"))
                                .getText()
                                .endsWith("<b>"));
                assertEquals(
                        "NAIVE",
                        report.findElement(By.cssSelector("tr.bad td.mode")).getText(),
                        "the run that lost orders is marked");
                List<WebElement> naive = report.findElements(By.cssSelector("tr.bad td"));
                assertEquals("12", naive.get(7).getText(), "NAIVE's lost events, after errors");
                assertEquals(
                        "-",
                        naive.get(10).getText(),
                        "key rollbacks unread in this report: '-', not 0");
                assertEquals(
                        org.outboxlab.scenario.CountDefinitions.LINES.size(),
                        report.findElements(By.cssSelector("details.definitions li")).size(),
                        "what each count sees, beside the table");
                List<WebElement> verdict = report.findElements(By.cssSelector("ul.verdict li"));
                assertEquals(2, verdict.size(), "one verdict line per mode");
                assertTrue(
                        verdict.get(0)
                                .getText()
                                .startsWith("OUTBOX: kept its promise in all 1 scenarios"),
                        verdict.get(0).getText());
                assertTrue(
                        verdict.get(1)
                                .getText()
                                .startsWith(
                                        "NAIVE: BROKE its promise in 1 of 1 scenarios (broker-outage): lost 12"),
                        verdict.get(1).getText());
                assertTrue(browser.text(By.id("report-20260102T000000Z")).contains("Cannot read"));
                browser.screenshot("lab-results");
            } finally {
                execute(op(property, "remove"));
            }
        } finally {
            Directories.deleteRecursively(results);
        }
    }

    @Test
    public void adminStartsABaselineComparisonWatchesItRunAndReadsItsReport() throws IOException {
        Path results = Files.createTempDirectory("console-lab-runs-");
        ModelNode property = new ModelNode();
        property.add("system-property", "outbox.lab.results-dir");
        ModelNode add = op(property, "add");
        add.get("value").set(results.toString());
        execute(add);
        try (ConsoleBrowser admin = ConsoleBrowser.start();
                ConsoleBrowser viewer = ConsoleBrowser.start()) {
            admin.signIn(ConsoleLogin.admin(), "lab.xhtml");
            set(admin, "lab:clients", "0");
            admin.click(By.id("lab:start"));
            assertTrue(
                    admin.text(By.id("messages")).contains("clients per mode: 1..64, was 0"),
                    admin.text(By.id("messages")));
            assertTrue(entries(results).isEmpty(), "bad input started a run");
            admin.screenshot("lab-start-refused");

            viewer.signIn(ConsoleLogin.viewer(), "lab.xhtml");
            viewer.waitFor(By.id("lab-read-only"));
            assertFalse(viewer.present(By.id("lab:start")), "no Start button for a viewer");
            String answer = (String) viewer.script(FORGED_START);
            assertTrue(answer.startsWith("403 "), answer);
            assertTrue(
                    answer.contains("Refused: this action needs the outbox-admin role."), answer);
            assertFalse(answer.contains("Comparison started"), answer);

            admin.open("lab.xhtml");
            admin.waitFor(By.cssSelector("input[name='lab:modes'][value='NAIVE']")).click();
            set(admin, "lab:clients", "1");
            set(admin, "lab:rate", "2");
            set(admin, "lab:seconds", "3");
            admin.click(By.id("lab:start"));
            assertTrue(
                    admin.text(By.id("messages")).contains("Comparison started"),
                    admin.text(By.id("messages")));
            assertEquals("running", admin.text(By.id("lab-state")));
            assertFalse(
                    admin.waitFor(By.cssSelector("input[name='lab:modes'][value='NAIVE']"))
                            .isSelected(),
                    "the form shows what was started");
            assertEquals("1", admin.waitFor(By.id("lab:clients")).getAttribute("value"));
            assertTrue(
                    admin.text(By.id("lab-request"))
                            .startsWith("OUTBOX/XA × baseline, 1 client per mode"),
                    admin.text(By.id("lab-request")));
            admin.click(By.id("lab:start"));
            assertTrue(
                    admin.text(By.id("messages")).contains("already running"),
                    admin.text(By.id("messages")));
            admin.awaitText(
                    By.id("lab-lines"), text -> text.contains("baseline: OUTBOX/XA under load"));
            admin.screenshot("lab-run-progress");

            // No navigation: the page's poll brings the progress, then the finished run's report.
            admin.awaitText(
                    By.id("lab-state"), text -> !text.equals("running"), Duration.ofSeconds(120));
            assertEquals(
                    "finished", admin.text(By.id("lab-state")), admin.text(By.id("lab-lines")));
            String name = admin.text(By.id("lab-report"));
            assertTrue(name.endsWith("-console"), name);
            WebElement report = admin.waitFor(By.id("report-" + name));
            List<WebElement> rows = report.findElements(By.cssSelector("table.runs tbody tr"));
            assertEquals(2, rows.size());
            for (WebElement row : rows) {
                List<WebElement> cells = row.findElements(By.tagName("td"));
                assertTrue(
                        number(cells.get(4).getText()) > 0,
                        cells.get(0).getText() + " committed nothing");
                assertEquals(
                        "0", cells.get(6).getText(), cells.get(0).getText() + " answered errors");
                assertEquals("0", cells.get(7).getText(), cells.get(0).getText() + " lost events");
            }
            assertTrue(
                    report.findElement(By.cssSelector("code.command"))
                            .getText()
                            .contains("admin console"));
            admin.screenshot("lab-run-finished");

            JsonObject json;
            try (JsonReader reader =
                    Json.createReader(
                            Files.newBufferedReader(
                                    results.resolve(name).resolve("report.json")))) {
                json = reader.readObject();
            }
            assertEquals("outbox-admin", json.getJsonObject("environment").getString("started by"));
            assertEquals(
                    List.of("OUTBOX", "XA"),
                    json.getJsonArray("runs").stream()
                            .map(run -> run.asJsonObject().getString("mode"))
                            .toList());
            for (JsonValue run : json.getJsonArray("runs")) {
                assertTrue(
                        run.asJsonObject().getJsonNumber("committed").longValue() > 0,
                        run.toString());
                assertEquals(
                        0, run.asJsonObject().getJsonNumber("lost").longValue(), run.toString());
            }
            assertEquals(List.of(name), entries(results), "one run, one report");
        } finally {
            execute(op(property, "remove"));
            Directories.deleteRecursively(results);
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static By replayButton(ConsoleBrowser browser, String orderId, String action) {
        browser.waitFor(By.cssSelector("tr[data-order='" + orderId + "']"));
        return By.cssSelector("tr[data-order='" + orderId + "'] input." + action);
    }

    private static void set(ConsoleBrowser browser, String id, String value) {
        WebElement input = browser.waitFor(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", "").trim());
    }

    private long count(ModelNode queue, String filter) {
        ModelNode count = op(queue, "count-messages");
        if (filter != null) {
            count.get("filter").set(filter);
        }
        return execute(count).asLong();
    }

    private static ModelNode fulfilmentConsumer() {
        return ServerModel.messageDrivenBean("FulfilmentConsumer");
    }

    /** A JMS queue (here a dead-letter queue) of the embedded broker. */
    private static ModelNode queue(String name) {
        return ServerModel.messaging("jms-queue", name);
    }

    /** A consumer's durable subscription queue on the OrderEvents topic (a core queue). */
    private static ModelNode subscription(String name) {
        return ServerModel.messaging("queue", name);
    }

    private static ModelNode op(ModelNode address, String name) {
        return ServerModel.op(address, name);
    }

    private ModelNode execute(ModelNode op) {
        return new ServerModel(management).execute(op);
    }

    private static String metrics() {
        return ServerModel.metrics();
    }
}
