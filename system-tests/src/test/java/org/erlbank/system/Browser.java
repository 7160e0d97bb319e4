package org.erlbank.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium, driven by Selenium through the system's chromedriver (Debian's packages
 * {@code chromium} and {@code chromium-driver}; a browser download of Selenium's own would fail here).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("erlbank.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("erlbank.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: no Chromium at " + CHROMIUM + " or no chromedriver at " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    static Browser start() throws IOException {
        var profile = Files.createTempDirectory("chromium-profile");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Clicks the GET button of a link relation in the HAL Explorer, and "Go!" when the link is a template. */
    void followLink(String relation) {
        var row = By.xpath("//tr[td[normalize-space(.)='" + relation + "']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        untilNoDialogIsShown();
        driver.findElement(row).findElement(By.cssSelector("button[title='GET Request']")).click();
        var go = By.id("requestDialogGoButton");
        try {
            new WebDriverWait(driver, Duration.ofSeconds(3)).until(ExpectedConditions.elementToBeClickable(go)).click();
        } catch (org.openqa.selenium.TimeoutException notATemplate) {
            // a plain link is followed at once
        }
    }

    /** Opens a HAL-FORMS template of the resource shown, fills in its fields and submits it. */
    void submitTemplate(String template, String method, java.util.Map<String, String> fields) {
        var row = By.xpath("//tr[td[normalize-space(.)='" + template + "']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        // The dialog of the request before may still be fading out over the page: it would take the click.
        untilNoDialogIsShown();
        driver.findElement(row).findElement(By.cssSelector("button[title='" + method + " Request']")).click();
        fields.forEach((name, value) -> {
            var input = wait.until(ExpectedConditions.elementToBeClickable(By.id("request-input-" + name)));
            input.clear();
            input.sendKeys(value);
        });
        wait.until(ExpectedConditions.elementToBeClickable(By.id("requestDialogGoButton"))).click();
    }

    private void untilNoDialogIsShown() {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal.show")));
    }

    /**
     * Logs in through the gateway: its login endpoint sends the browser to auth-server's login form, which sends it
     * back to the gateway with a code, which the gateway exchanges for her tokens and keeps in her session.
     */
    void logIn(String gateway, String user, String password) {
        driver.get(gateway + "/oauth2/authorization/erlbank");
        var username = wait.until(ExpectedConditions.elementToBeClickable(By.id("username")));
        username.clear();
        username.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(gateway) + "/.*"));
    }

    /** Logs out at the gateway: the form its logout page shows (with its CSRF token), submitted. */
    void logOut(String gateway) {
        driver.get(gateway + "/logout");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[type='submit']"))).click();
    }

    /**
     * Swagger UI's Authorize, the authorization code flow with PKCE: its dialog's button for that flow opens
     * auth-server's login in a window of its own, which sends the browser back to Swagger UI's redirect page with a
     * code; Swagger UI exchanges it for a token at auth-server and sends that token with every request it tries.
     */
    void authorizeInSwaggerUi(String user, String password) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.btn.authorize"))).click();
        var swaggerUi = driver.getWindowHandle();
        var flow = "//div[contains(@class,'auth-container')][.//h4[contains(., 'authorizationCode')]]";
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(flow + "//button[contains(@class,'authorize')]")))
                .click();
        wait.until(ExpectedConditions.numberOfWindowsToBe(2));
        driver.switchTo().window(driver.getWindowHandles().stream().filter(handle -> !handle.equals(swaggerUi))
                .findFirst().orElseThrow());
        var username = wait.until(ExpectedConditions.elementToBeClickable(By.id("username")));
        username.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        // The redirect page hands the code to Swagger UI and closes its window.
        wait.until(ExpectedConditions.numberOfWindowsToBe(1));
        driver.switchTo().window(swaggerUi);
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(flow + "//button[normalize-space(.)='Logout']")));
        driver.findElement(By.cssSelector(".modal-ux button.btn-done")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /** What Swagger UI shows it was answered when it tried an operation out. */
    record TriedOut(int status, String body) {
    }

    /**
     * Opens an operation in Swagger UI (by its operation id), tries it out with these parameters, and reads the
     * status and body it shows.
     */
    TriedOut tryOutInSwaggerUi(String tag, String operationId, java.util.Map<String, String> parameters) {
        var operation = "#operations-" + tag + "-" + operationId;
        var block = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(operation)));
        if (block.findElements(By.cssSelector("button.execute")).isEmpty()) {
            if (block.findElements(By.cssSelector("button.try-out__btn")).isEmpty()) {
                block.findElement(By.cssSelector(".opblock-summary-control")).click();
            }
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(operation + " button.try-out__btn")))
                    .click();
        }
        var cleared = block.findElements(By.cssSelector("button.btn-clear"));
        if (!cleared.isEmpty()) {
            cleared.get(0).click();
        }
        var answer = operation + " .live-responses-table tr.response";
        var status = By.cssSelector(answer + " .response-col_status");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(status));
        parameters.forEach((name, value) -> {
            var input = wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector(operation + " tr[data-param-name='" + name + "'] input")));
            input.clear();
            input.sendKeys(value);
        });
        block.findElement(By.cssSelector("button.execute")).click();
        var code = wait.until(ExpectedConditions.visibilityOfElementLocated(status)).getText().strip();
        var body = driver.findElement(By.cssSelector(answer + " .response-col_description")).getText();
        return new TriedOut(Integer.parseInt(code), body);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** A cookie the browser holds for the page's host, if it holds one. */
    java.util.Optional<String> cookie(String name) {
        return java.util.Optional.ofNullable(driver.manage().getCookieNamed(name)).map(
                org.openqa.selenium.Cookie::getValue);
    }

    /**
     * Runs a request from the page, as its own script would (same origin, the browser's cookies), and gives the
     * status: what a page of another origin could not do, and what the gateway's CSRF check is about.
     */
    long fetchStatus(String method, String url, String jsonBody) {
        var script = "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: arguments[1], credentials: 'include', redirect: 'manual',"
                + " headers: {'Content-Type': 'application/json', 'Accept': 'application/hal+json'},"
                + " body: arguments[2]}).then(r => done(r.status), e => done(-1));";
        return (Long) driver.executeAsyncScript(script, url, method, jsonBody);
    }

    void waitUntilUrlContains(String text) {
        wait.until(ExpectedConditions.urlContains(text));
    }

    void waitUntilTextAppears(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
    }

    /** A taller (or wider) window, for a page whose rows are drawn only as far as the window reaches. */
    Browser windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        Erlbank.deleteTree(profile);
    }
}
