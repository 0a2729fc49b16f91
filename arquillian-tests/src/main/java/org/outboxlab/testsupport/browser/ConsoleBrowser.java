package org.outboxlab.testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;
import org.outboxlab.control.Directories;
import org.outboxlab.testsupport.ConsoleLogin;
import org.outboxlab.testsupport.ServerUrl;

/**
 * One headless Chromium session on the console ({@code console/} under {@link ServerUrl#base()}):
 * sign in, open pages, click, wait for what the page shows, and save screenshots. Uses the system's
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (override with the system properties
 * {@code console.chromium} and {@code console.chromedriver}); nothing is downloaded. Each session
 * has a fresh profile, deleted on {@link #close()}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final String BASE = ServerUrl.base().toString();
    static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final Path profile;

    private ConsoleBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts a browser with a profile of its own; fails with the reason if Chromium or its driver
     * is missing.
     */
    public static ConsoleBrowser start() {
        if (Boolean.getBoolean("it.browser.skip")) {
            throw new TestAbortedException(
                    "browser tests skipped (-Dit.browser.skip): this test needs Chromium");
        }
        File chromium = new File(System.getProperty("console.chromium", "/usr/bin/chromium"));
        File chromedriver =
                new File(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException(
                    "browser tests need "
                            + chromium
                            + " and "
                            + chromedriver
                            + " (Debian: apt-get install chromium chromium-driver)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a browser profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(chromedriver)
                        .usingAnyFreePort()
                        .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return new ConsoleBrowser(driver, profile);
    }

    /**
     * Opens {@code page} (relative to {@code /outbox/console/}), signs in on the login form it
     * leads to, and waits for the page.
     */
    public ConsoleBrowser signIn(ConsoleLogin login, String page) {
        open(page);
        submitLogin(login);
        awaitText(By.id("user"), login.user()::equals);
        return this;
    }

    /** Fills in and submits the login form the browser shows, without waiting for the outcome. */
    public ConsoleBrowser submitLogin(ConsoleLogin login) {
        WebElement form = waitFor(By.id("login"));
        form.findElement(By.id("username")).sendKeys(login.user());
        form.findElement(By.id("password")).sendKeys(login.password());
        form.findElement(By.id("sign-in")).click();
        return this;
    }

    /** Navigates to {@code page}, relative to {@code /outbox/console/}. */
    public ConsoleBrowser open(String page) {
        driver.get(BASE + "console/" + page);
        return this;
    }

    /**
     * Clicks the element and waits for the page it leads to (a full POST-redirect or a re-rendered
     * page).
     */
    public ConsoleBrowser click(By by) {
        WebElement element = waitFor(by);
        element.click();
        new WebDriverWait(driver, WAIT).until(d -> isStale(element));
        return this;
    }

    /** The text of the first matching element, waiting for it to exist. */
    public String text(By by) {
        return waitFor(by).getText();
    }

    public boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT)
                .until(
                        d -> {
                            List<WebElement> found = d.findElements(by);
                            return found.isEmpty() ? null : found.get(0);
                        });
    }

    /**
     * Waits until the element's text satisfies {@code condition}, re-reading it as the page
     * changes.
     */
    public String awaitText(By by, Predicate<String> condition) {
        return awaitText(by, condition, WAIT);
    }

    public String awaitText(By by, Predicate<String> condition, Duration timeout) {
        String[] last = {null};
        try {
            return new WebDriverWait(driver, timeout)
                    .until(
                            d -> {
                                try {
                                    List<WebElement> found = d.findElements(by);
                                    last[0] = found.isEmpty() ? null : found.get(0).getText();
                                    return last[0] != null && condition.test(last[0])
                                            ? last[0]
                                            : null;
                                } catch (StaleElementReferenceException e) {
                                    return null;
                                }
                            });
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "timed out after "
                            + timeout.toSeconds()
                            + " s waiting on "
                            + by
                            + "; its text was: "
                            + last[0],
                    e);
        }
    }

    /** Whether a JavaScript alert, confirm or prompt is open. */
    public boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    public Object script(String javaScript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, args);
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Saves what the browser shows as {@code <name>.png} in the directory of the system property
     * {@code console.screenshots} (the build sets {@code arquillian-tests/target/screenshots}).
     */
    public Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("console.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.copy(
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                Directories.deleteRecursively(profile);
            } catch (IOException e) {
                // a leftover temporary profile harms nothing
            }
        }
    }

    /**
     * Whether the element has left the document: stale, or (while the next page loads) no longer
     * found by the browser.
     */
    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            return e.getMessage() != null
                    && e.getMessage().contains("does not belong to the document");
        }
    }
}
