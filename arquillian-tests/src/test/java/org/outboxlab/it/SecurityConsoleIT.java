package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.outboxlab.control.FaultControl;
import org.outboxlab.testsupport.Await;
import org.outboxlab.testsupport.ConsoleLogin;
import org.outboxlab.testsupport.OrderApi;
import org.outboxlab.testsupport.OutboxDeployments;
import org.outboxlab.testsupport.browser.ConsoleBrowser;

/**
 * The console in a real browser: FORM login in front of every page, the order API still open, a
 * viewer who may look but not act (a forged admin POST changes nothing), and payloads and error
 * texts shown as text however much markup they hold.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class SecurityConsoleIT {

    /**
     * Posts the relay page's Pause button with the view state of the page the browser shows, as a
     * forger would.
     */
    private static final String FORGED_PAUSE =
            """
            var viewState = document.querySelector('input[name="jakarta.faces.ViewState"]').value;
            var body = new URLSearchParams();
            body.append('relay', 'relay');
            body.append('relay:pause', 'Pause');
            body.append('jakarta.faces.ViewState', viewState);
            var xhr = new XMLHttpRequest();
            xhr.open('POST', document.getElementById('session').action, false);
            xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
            xhr.send(body.toString());
            return xhr.status + ' ' + xhr.responseText;""";

    @Deployment(testable = false)
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(SecurityConsoleIT.class);
    }

    /**
     * The console's session cookie is HttpOnly, and Secure when it is set over HTTPS (WildFly's
     * https-listener, port 8443 with its self-signed certificate), so it never travels in clear
     * after.
     */
    @Test
    public void theSessionCookieIsHttpOnlyAndSecureOverHttps() throws Exception {
        String plain =
                sessionCookie(URI.create("http://127.0.0.1:8080/outbox/console/dashboard.xhtml"));
        assertTrue(attributes(plain).contains("httponly"), plain);
        assertFalse(
                attributes(plain).contains("secure"),
                "over HTTP the cookie stays usable: " + plain);
        String secure =
                sessionCookie(URI.create("https://127.0.0.1:8443/outbox/console/dashboard.xhtml"));
        assertTrue(attributes(secure).contains("httponly"), secure);
        assertTrue(
                attributes(secure).contains("secure"),
                "set over HTTPS, the cookie is Secure: " + secure);
    }

    /**
     * A Set-Cookie header's attribute names, lower case ({@code path}, {@code secure}, {@code
     * httponly}, …).
     */
    private static List<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";"))
                .skip(1)
                .map(a -> a.trim().split("=")[0].toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * The JSESSIONID cookie the login page sets for {@code page} (a TLS client that trusts the test
     * server's own certificate).
     */
    private static String sessionCookie(URI page) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) page.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(
                                    X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(
                                    X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            https.setSSLSocketFactory(tls.getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        connection.setInstanceFollowRedirects(false);
        try {
            connection.getResponseCode();
            return connection.getHeaderFields().getOrDefault("Set-Cookie", List.of()).stream()
                    .filter(c -> c.startsWith("JSESSIONID="))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new AssertionError(
                                            "no session cookie from "
                                                    + page
                                                    + ": "
                                                    + connection.getHeaderFields()));
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Repeated failed logins lock a user out for a while (Elytron's brute-force protection of the
     * ApplicationRealm, on by default in WildFly 39): after ten wrong passwords the right one is
     * refused too, while other users sign in as before. A user of its own, added to the running
     * server's realm, so the users other tests sign in with are never locked.
     */
    @Test
    public void repeatedFailedLoginsLockTheUserOut() throws Exception {
        String user = "lockout-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Right-Password-1";
        Path conf = Path.of(System.getProperty("jboss.home"), "standalone", "configuration");
        Path users = conf.resolve("application-users.properties");
        Path roles = conf.resolve("application-roles.properties");
        List<String> usersBefore = Files.readAllLines(users);
        List<String> rolesBefore = Files.readAllLines(roles);
        Files.writeString(roles, "\n" + user + "=outbox-viewer\n", StandardOpenOption.APPEND);
        Files.writeString(
                users,
                "\n" + new ConsoleLogin(user, password).realmLine() + "\n",
                StandardOpenOption.APPEND);
        try {
            Await.until(
                    "the realm knows " + user,
                    Duration.ofSeconds(30),
                    () -> faultPlanStatus(user, password) == 403,
                    () -> "status " + faultPlanStatus(user, password));
            for (int attempt = 1; attempt <= 10; attempt++) {
                assertEquals(
                        401,
                        faultPlanStatus(user, "wrong-" + attempt),
                        "wrong password, attempt " + attempt);
            }
            assertEquals(
                    401,
                    faultPlanStatus(user, password),
                    "locked out: the right password is refused as well");
            ConsoleLogin viewer = ConsoleLogin.viewer();
            assertEquals(
                    403,
                    faultPlanStatus(viewer.user(), viewer.password()),
                    "another user is not locked out");
        } finally {
            Files.write(users, usersBefore);
            Files.write(roles, rolesBefore);
        }
    }

    /**
     * The status of reading the fault plan with HTTP Basic: 401 not signed in, 403 signed in
     * without the lab's role.
     */
    private static int faultPlanStatus(String user, String password) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:8080/outbox/api/faults"))
                                    .header("Authorization", FaultControl.basic(user, password))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void everyPageAsksForASignInWhileTheOrderApiStaysOpen() {
        assertEquals(200, OrderApi.local().products().status(), "the shop's API needs no login");
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            for (String page :
                    new String[] {
                        "dashboard.xhtml",
                        "outbox.xhtml",
                        "dead-letters.xhtml",
                        "relay.xhtml",
                        "orders.xhtml",
                        "lab.xhtml",
                        "event.xhtml?id=x"
                    }) {
                browser.open(page).waitFor(By.id("login"));
                assertFalse(browser.present(By.id("user")), page + " shown without a login");
            }
            browser.open("dashboard.xhtml")
                    .submitLogin(new ConsoleLogin("outbox-admin", "not-the-password"));
            browser.waitFor(By.id("login-failed"));
            browser.screenshot("login-refused");

            browser.signIn(ConsoleLogin.admin(), "dashboard.xhtml");
            assertEquals("admin", browser.text(By.id("role")));
            browser.awaitText(By.id("pending"), text -> text.matches("[0-9,]+"));
            browser.screenshot("dashboard-admin");
            browser.open("").waitFor(By.id("pending")); // the console's root is the dashboard

            browser.click(By.id("session:logout"));
            browser.waitFor(By.id("login"));
            browser.open("relay.xhtml").waitFor(By.id("login"));
        }
    }

    @Test
    public void viewerMayLookButNotActAndAForgedPauseIsRefused() {
        String failedEvent =
                plantFailedEvent(
                        "{\"orderId\":\"ORDER_ID\",\"customerId\":\"c-viewer\",\"status\":\"PLACED\","
                                + "\"totalCents\":100}",
                        "planted for the viewer test")[0];
        try (ConsoleBrowser admin = ConsoleBrowser.start();
                ConsoleBrowser viewer = ConsoleBrowser.start()) {
            viewer.signIn(ConsoleLogin.viewer(), "relay.xhtml");
            assertEquals("viewer (read-only)", viewer.text(By.id("role")));
            assertEquals("running", viewer.text(By.id("relay-state")));
            viewer.waitFor(By.id("read-only"));
            assertFalse(viewer.present(By.id("relay:pause")), "no pause button for a viewer");
            assertFalse(viewer.present(By.id("relay:apply")), "no relay settings for a viewer");

            // Faces restores the viewer's view and gets as far as the action, which refuses.
            String answer = (String) viewer.script(FORGED_PAUSE);
            assertTrue(answer.startsWith("403 "), answer);
            assertTrue(
                    answer.contains("Refused: this action needs the outbox-admin role."), answer);
            assertFalse(answer.contains("Relay paused"), "the forged pause was carried out");
            viewer.open("relay.xhtml");
            assertEquals(
                    "running",
                    viewer.text(By.id("relay-state")),
                    "a viewer's forged POST paused the relay");
            viewer.screenshot("viewer-relay-read-only");

            viewer.open("event.xhtml?id=" + failedEvent);
            assertEquals("FAILED", viewer.text(By.id("event-status")));
            assertFalse(viewer.present(By.id("actions:retry")), "no retry for a viewer");
            viewer.open("dead-letters.xhtml");
            viewer.waitFor(By.id("queue"));
            assertTrue(
                    viewer.all(By.cssSelector("input.replay, input.discard")).isEmpty(),
                    "no replay or discard for a viewer");

            // The same forged request from an admin's page does pause the relay: the forgery is a
            // real one.
            admin.signIn(ConsoleLogin.admin(), "relay.xhtml");
            try {
                String adminAnswer = (String) admin.script(FORGED_PAUSE);
                assertTrue(
                        adminAnswer.startsWith("200 ") && adminAnswer.contains("Relay paused"),
                        adminAnswer);
                admin.open("relay.xhtml");
                assertEquals("paused", admin.text(By.id("relay-state")));
            } finally {
                admin.open("relay.xhtml");
                if (admin.present(By.id("relay:resume"))) {
                    admin.click(By.id("relay:resume"));
                }
                assertEquals("running", admin.text(By.id("relay-state")));
            }
        }
    }

    @Test
    public void markupInAPayloadOrAnErrorIsShownAsTextAndAFailedRowIsRetried() {
        String script = "<script>window.__xss = 1; alert('xss')</script>";
        String error = "<img src=x onerror=\"window.__xss = 2\"> broker said no";
        String[] planted =
                plantFailedEvent(
                        "{\"orderId\":\"ORDER_ID\",\"customerId\":\"c-xss\",\"status\":\"PLACED\","
                                + "\"totalCents\":100,\"note\":\""
                                + script
                                + "\"}",
                        error);
        String eventId = planted[0];
        String orderId = planted[1];
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.signIn(ConsoleLogin.admin(), "event.xhtml?id=" + eventId);
            assertEquals("FAILED", browser.text(By.id("event-status")));
            assertTrue(
                    browser.text(By.id("payload")).contains(script),
                    browser.text(By.id("payload")));
            assertTrue(
                    browser.text(By.id("event-error")).contains(error),
                    browser.text(By.id("event-error")));
            assertTrue(
                    browser.all(By.cssSelector("#payload *, #event-error *")).isEmpty(),
                    "markup became elements");
            assertFalse(browser.alertOpen(), "the payload's script ran");
            assertNull(
                    browser.script("return window.__xss === undefined ? null : window.__xss;"),
                    "injected code ran");
            browser.screenshot("event-markup-as-text");

            browser.open("outbox.xhtml");
            browser.waitFor(By.id("filter:order")).sendKeys(orderId);
            browser.script("document.getElementById('filter:status').value = 'FAILED';");
            browser.click(By.id("filter:search"));
            assertEquals("1–1 of 1", browser.text(By.id("range")));
            assertTrue(browser.text(By.id("events")).contains(error));
            assertFalse(browser.alertOpen());
            browser.screenshot("outbox-filtered");

            browser.click(By.cssSelector("#events a.event-link"));
            browser.click(By.id("actions:retry"));
            assertTrue(
                    browser.text(By.id("messages")).contains("PENDING again"),
                    browser.text(By.id("messages")));
            Await.until(
                    "the retried event to be published",
                    Duration.ofSeconds(30),
                    () ->
                            "PUBLISHED"
                                    .equals(
                                            browser.open("event.xhtml?id=" + eventId)
                                                    .text(By.id("event-status"))),
                    () -> browser.text(By.id("event-status")));
            assertEquals("0", browser.text(By.id("event-attempts")));
            assertFalse(browser.present(By.id("actions:retry")));
            browser.screenshot("event-retried");
        }
    }

    /**
     * A FAILED outbox row with this payload ({@code ORDER_ID} replaced) and error; returns its
     * event and order id.
     */
    private static String[] plantFailedEvent(String payload, String error) {
        OrderApi.Reply reply =
                OrderApi.local()
                        .post(
                                "../test-fixtures/failed-event",
                                "payload="
                                        + URLEncoder.encode(payload, StandardCharsets.UTF_8)
                                        + "&error="
                                        + URLEncoder.encode(error, StandardCharsets.UTF_8),
                                "application/x-www-form-urlencoded");
        assertEquals(200, reply.status(), reply.body());
        return reply.body().trim().split(" ");
    }
}
