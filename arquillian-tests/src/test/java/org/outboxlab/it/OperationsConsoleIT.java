package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.Directories;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.browser.ConsoleBrowser;
import org.outboxlab.testsupport.browser.ConsoleLogin;

/**
 * An operator's work in a real browser: pause the relay and watch the backlog grow on the dashboard,
 * resume and watch it drain; tune the relay; replay a dead letter and see its effect applied, discard
 * another; read the lab's reports.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class OperationsConsoleIT {

    private static final String FULFILMENT = "FulfilmentEvents";

    @ArquillianResource
    ManagementClient management;

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
                browser.awaitText(By.id("pending"), text -> number(text) >= before + 6, Duration.ofSeconds(15));
                assertEquals("paused", browser.text(By.id("relay-state")));
                assertTrue(browser.text(By.id("lag")).endsWith("s") || browser.text(By.id("lag")).endsWith("min"));
                browser.screenshot("dashboard-backlog-growing");
            } finally {
                browser.open("relay.xhtml").click(By.id("relay:resume"));
            }
            assertEquals("running", browser.text(By.id("relay-state")));
            browser.open("dashboard.xhtml");
            browser.awaitText(By.id("pending"), "0"::equals, Duration.ofSeconds(30));
            assertEquals("running", browser.text(By.id("relay-state")));
            assertTrue(browser.all(By.cssSelector("#pending-line")).get(0).getAttribute("points").contains(","),
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
                assertFalse(browser.all(By.cssSelector(".error")).isEmpty(), "a batch size of 0 is refused");
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
        ModelNode consumer = fulfilmentConsumer();
        execute(op(consumer, "stop-delivery"));
        try {
            replayed = api.placed("dlq-replay", "OUTBOX", "MUG-1", 1);
            discarded = api.placed("dlq-discard", "OUTBOX", "MUG-1", 1);
            // With the fulfilment consumer stopped its copies wait in its queue; move them to the DLQ as
            // the broker does after the last failed delivery.
            for (String orderId : List.of(replayed, discarded)) {
                String filter = "aggregateId='" + orderId + "'";
                Await.until("the fulfilment copy of " + orderId, Duration.ofSeconds(30),
                        () -> count(FULFILMENT, filter) == 1, () -> count(FULFILMENT, filter));
                ModelNode move = op(queue(FULFILMENT), "move-messages");
                move.get("filter").set(filter);
                move.get("other-queue-name").set(FULFILMENT + ".DLQ");
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
            assertTrue(browser.text(By.id("question")).startsWith("Replay message ID:"), browser.text(By.id("question")));
            browser.screenshot("dead-letter-confirm-replay");
            browser.click(By.id("confirm:yes"));
            assertTrue(browser.text(By.id("messages")).contains("Replayed"), browser.text(By.id("messages")));
            assertTrue(browser.all(By.cssSelector("tr[data-order='" + replayed + "']")).isEmpty());

            browser.click(replayButton(browser, discarded, "discard"));
            assertTrue(browser.text(By.id("question")).startsWith("Discard message"));
            browser.click(By.id("confirm:no"));
            assertFalse(browser.all(By.cssSelector("tr[data-order='" + discarded + "']")).isEmpty(), "cancel keeps it");
            browser.click(replayButton(browser, discarded, "discard"));
            browser.click(By.id("confirm:yes"));
            assertTrue(browser.text(By.id("messages")).contains("Discarded"), browser.text(By.id("messages")));
            assertTrue(browser.all(By.cssSelector("tr[data-order='" + discarded + "']")).isEmpty());
            assertEquals(0, count(FULFILMENT + ".DLQ", "aggregateId='" + discarded + "'"));
            browser.screenshot("dead-letters-after");

            Await.until("the replayed event's fulfilment effect", Duration.ofSeconds(30),
                    () -> "yes".equals(browser.open("orders.xhtml?orderId=" + replayed)
                            .text(By.cssSelector("#effect-fulfilment .applied"))),
                    () -> browser.text(By.id("effects")));
            assertEquals("1", browser.text(By.cssSelector("#effect-fulfilment .num")), "applied exactly once");
            browser.screenshot("order-after-replay");
            browser.open("orders.xhtml?orderId=" + discarded);
            assertEquals("no", browser.text(By.cssSelector("#effect-fulfilment .applied")), "a discarded event is not applied");
        }
    }

    @Test
    public void labPageShowsEachReportAsATableAndCharts() throws IOException {
        Path results = Files.createTempDirectory("console-lab-results-");
        Files.createDirectories(results.resolve("20260101T000000Z"));
        Files.writeString(results.resolve("20260101T000000Z/report.json"), """
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
                assertEquals(4, report.findElements(By.cssSelector("svg rect")).size(), "two bar charts of two runs");
                assertTrue(report.findElement(By.cssSelector("code.command")).getText().endsWith("<b>"));
                assertEquals("NAIVE", report.findElement(By.cssSelector("tr.bad td.mode")).getText(),
                        "the run that lost orders is marked");
                assertTrue(browser.text(By.id("report-20260102T000000Z")).contains("Cannot read"));
                browser.screenshot("lab-results");
            } finally {
                execute(op(property, "remove"));
            }
        } finally {
            Directories.deleteRecursively(results);
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

    private long count(String queue, String filter) {
        ModelNode count = op(queue(queue), "count-messages");
        count.get("filter").set(filter);
        return execute(count).asLong();
    }

    private static ModelNode fulfilmentConsumer() {
        ModelNode address = new ModelNode();
        address.add("deployment", "outbox.ear");
        address.add("subdeployment", "outbox-ejb.jar");
        address.add("subsystem", "ejb3");
        address.add("message-driven-bean", "FulfilmentConsumer");
        return address;
    }

    private static ModelNode queue(String name) {
        ModelNode address = new ModelNode();
        address.add("subsystem", "messaging-activemq");
        address.add("server", "default");
        address.add("jms-queue", name);
        return address;
    }

    private static ModelNode op(ModelNode address, String name) {
        ModelNode op = new ModelNode();
        op.get("address").set(address);
        op.get("operation").set(name);
        return op;
    }

    private ModelNode execute(ModelNode op) {
        try {
            ModelNode result = management.getControllerClient().execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new AssertionError(op + " failed: " + result);
            }
            return result.get("result");
        } catch (IOException e) {
            throw new AssertionError(op + " failed", e);
        }
    }
}
