package io.datadump.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.read.ListAppender;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.SftpTestServer;
import io.datadump.support.TestDatabases;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

/**
 * The portal as a person uses it, in Debian's chromium (headless, driven by Selenium; .ci/run installs chromium and
 * chromium-driver): sign in, all 26 tables, a CSV download equal to the API's, "dump now" followed to published, the
 * other language, sign out and be refused. The key never shows in a URL, in browser storage or in the server's log.
 * Each page's screenshot is saved under target/portal-screenshots/.
 */
class PortalBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/portal-screenshots");
    static final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    static App app;
    static String base, key;
    static long account;
    static Path downloads;
    static WebDriver browser;
    static final List<String> visited = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        // CI installs both; on a developer's machine without them the browser tests are skipped, never in CI
        if (System.getenv("CI") == null) assumeTrue(installed, "chromium and chromium-driver are not installed");
        logged.start();
        root().addAppender(logged);
        app = TestDatabases.freshApp(Map.of(
                "DATADUMP_ON_DEMAND_MIN_INTERVAL_SECONDS", "0",
                "DATADUMP_POLLING_MILLIS", "200",
                "DATADUMP_HEARTBEAT_SECONDS", "2",
                "DATADUMP_SECRETS_KEY", "ab".repeat(32),
                "DATADUMP_DELIVERY_PRIVATE_NETWORKS", "true")); // the test's SFTP server is on loopback
        account = app.accounts().create("Browser Immobilien GmbH", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 11, DemoDataGenerator.Progress.NONE);
        app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        key = app.apiKeys().create(account, "Browser").secret();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
        app.startScheduler();

        downloads = Files.createTempDirectory("portal-downloads");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=en-US");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false,
                        "intl.accept_languages",
                        "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (app != null) app.close();
        root().detachAppender(logged);
    }

    @Test
    void aTenantSignsInDownloadsDumpsSwitchesLanguageAndSignsOut() throws Exception {
        // a wrong key is refused with a sentence
        open("/");
        assertThat(browser.getCurrentUrl()).endsWith("/portal/sign-in");
        screenshot("sign-in");
        signIn("dd_notakey0000000000000000000000000000000000");
        assertThat(text("#error")).isEqualTo("This API key is unknown or revoked.");
        screenshot("sign-in-error");

        signIn(key);
        assertThat(browser.getCurrentUrl()).endsWith("/portal");
        assertThat(browser.findElements(By.cssSelector("#tables tbody tr"))).hasSize(26);
        assertThat(text("#current-dump")).startsWith("Dump ");
        String firstDump = text("#current-dump");
        screenshot("overview");

        // the CSV behind the button is the API's CSV, byte for byte
        open("/portal/downloads");
        assertThat(browser.findElements(By.cssSelector("#downloads tr"))).hasSize(26);
        assertThat(text("#snippet-sheets")).startsWith("=IMPORTDATA(\"" + base + "/v1/datadump/contacts?format=csv");
        screenshot("downloads");
        browser.findElement(By.id("download-contacts-csv")).click();
        Path csv = downloads.resolve("contacts.csv");
        waitFor(() -> Files.exists(csv) && !Files.exists(downloads.resolve("contacts.csv.crdownload")));
        assertThat(Files.readAllBytes(csv)).isEqualTo(apiCsv("contacts"));
        // the typed files: a workbook Excel opens, and Parquet
        assertThat(text("#download-contacts-xlsx")).isEqualTo("Excel");
        browser.findElement(By.id("download-contacts-xlsx")).click();
        Path xlsx = downloads.resolve("contacts.xlsx");
        waitFor(() -> Files.exists(xlsx) && !Files.exists(downloads.resolve("contacts.xlsx.crdownload")));
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(xlsx))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("contacts");
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("id");
        }
        browser.findElement(By.id("download-contacts-parquet")).click();
        Path parquet = downloads.resolve("contacts.parquet");
        waitFor(() -> Files.exists(parquet) && !Files.exists(downloads.resolve("contacts.parquet.crdownload")));
        byte[] head = Arrays.copyOf(Files.readAllBytes(parquet), 4);
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(text("#snippet-duckdb")).contains("read_parquet('" + base + "/v1/datadump/contacts?format=parquet");
        assertThat(text("#snippet-sync"))
                .contains("java -jar datadump.jar sync --url " + base + " \\\n  --into 'jdbc:postgresql:")
                .doesNotContain("{{BASE_URL}}");

        open("/portal/history?metric=bytes&table=contacts");
        Object chartWidth = ((JavascriptExecutor) browser)
                .executeScript("return document.getElementById('history-chart').naturalWidth");
        assertThat(((Number) chartWidth).intValue()).as("the SVG chart loaded").isEqualTo(760);
        assertThat(browser.findElements(By.cssSelector("#dumps tbody tr"))).hasSize(1);
        screenshot("history");

        open("/portal/schema?table=contacts");
        assertThat(browser.findElements(By.cssSelector("#fields tr.custom"))).isNotEmpty();
        assertThat(text("#fields tr[data-field='dob'] td:nth-child(3)")).isEqualTo("date");
        assertThat(text("#fields tr[data-field='created_at'] td:nth-child(3)")).isEqualTo("date-time (UTC)");
        open("/portal/schema?table=messages");
        assertThat(text("#fields tr[data-field='attachments'] td:nth-child(2)"))
                .isEqualTo("any JSON value (object, array, text or number)");
        open("/portal/schema?table=contacts");
        screenshot("schema");

        open("/portal/access");
        app.audit().flush();
        open("/portal/access");
        assertThat(text("#access tbody")).contains("file sent", "Contacts", "csv", "Browser", "Chrome", "127.0.0.1");
        screenshot("access");

        // dump now, followed live until it is published
        open("/portal");
        clickAndLoad(By.id("dump-now"));
        assertThat(text("#notice")).contains("was queued");
        screenshot("dump-now");
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(d -> d.getCurrentUrl().contains("done=")
                        && "published".equals(d.findElement(By.id("run-status")).getAttribute("data-status")));
        assertThat(text("#current-dump")).isNotEqualTo(firstDump);
        screenshot("dump-published");

        // German, chosen on the page and kept
        clickAndLoad(By.id("lang-de"));
        assertThat(text("nav a.active")).isEqualTo("Übersicht");
        assertThat(browser.findElement(By.id("sign-out")).getText()).isEqualTo("Abmelden");
        screenshot("overview-de");
        // every page in German, each kept as a screenshot beside its English one
        Map<String, String> germanTitles = new java.util.LinkedHashMap<>();
        germanTitles.put("downloads", "Downloads");
        germanTitles.put("history?metric=bytes&table=contacts", "Verlauf");
        germanTitles.put("schema?table=contacts", "Schema");
        germanTitles.put("access", "Zugriffe");
        for (var page : germanTitles.entrySet()) {
            open("/portal/" + page.getKey());
            assertThat(text("h1")).startsWith(page.getValue());
            assertThat(text("main")).doesNotContain("Appointments", "Finished:", "Sekunden");
            screenshot(page.getKey().replaceFirst("\\?.*", "") + "-de");
        }
        open("/portal/history");
        assertThat(text("h1")).isEqualTo("Verlauf");
        clickAndLoad(By.id("lang-en"));
        assertThat(text("h1")).isEqualTo("History");

        // signed out, the portal refuses the browser
        clickAndLoad(By.id("sign-out"));
        assertThat(browser.getCurrentUrl()).contains("/portal/sign-in");
        assertThat(text("#notice")).isEqualTo("You are signed out.");
        open("/portal/downloads");
        assertThat(browser.getCurrentUrl()).contains("/portal/sign-in");
        screenshot("signed-out");
        clickAndLoad(By.id("lang-de"));
        assertThat(text("main")).contains("Anmelden");
        screenshot("sign-in-de");
        clickAndLoad(By.id("lang-en"));

        // the key was in no address, nothing in the browser's storage, and no log line
        assertThat(visited).isNotEmpty().allSatisfy(url -> assertThat(url).doesNotContain(key.substring(3)));
        var js = (JavascriptExecutor) browser;
        assertThat(js.executeScript("return window.localStorage.length + window.sessionStorage.length"))
                .isEqualTo(0L);
        assertThat((String) js.executeScript("return document.cookie")).doesNotContain(key.substring(3));
        @SuppressWarnings("unchecked")
        var layout = ((LayoutWrappingEncoder<ILoggingEvent>)
                        ((ConsoleAppender<ILoggingEvent>) root().getAppender("STDERR")).getEncoder())
                .getLayout();
        for (ILoggingEvent e : new ArrayList<>(logged.list)) {
            assertThat(layout.doLayout(e)).doesNotContain(key.substring(3));
        }
    }

    @Test
    void aTenantAddsTestsAndFollowsADestination() throws Exception {
        try (SftpTestServer sftp = SftpTestServer.start()) {
            open("/portal/destinations");
            if (browser.getCurrentUrl().contains("sign-in")) {
                signIn(key);
                open("/portal/destinations");
            }
            assertThat(text("h1")).isEqualTo("Destinations");
            assertThat(browser.findElements(By.id("no-destinations"))).hasSize(1);

            addSftp("nas", sftp, sftp.fingerprint(), SftpTestServer.PASSWORD);
            assertThat(text("#notice"))
                    .isEqualTo("Destination nas added. Test its connection, then it receives every" + " new dump.");
            clickAndLoad(By.cssSelector("#destination-nas button.test"));
            assertThat(text("#notice")).startsWith("Connection works: wrote and deleted .datadump-test-");

            // a server presenting another host key is refused, saying which key it presented
            addSftp("impostor", sftp, "SHA256:" + "A".repeat(43), SftpTestServer.PASSWORD);
            clickAndLoad(By.cssSelector("#destination-impostor button.test"));
            assertThat(text("#error")).contains("presented its ecdsa-sha2-nistp521 host key " + sftp.fingerprint());
            screenshot("destinations-refused");

            // a refused add keeps what was typed, but never the secret
            addSftp("nas", sftp, sftp.fingerprint(), "typed-secret-1");
            assertThat(text("#error")).contains("a destination named 'nas' exists already");
            assertThat(browser.findElement(By.name("host")).getAttribute("value"))
                    .isEqualTo("127.0.0.1");
            assertThat(browser.findElement(By.name("password")).getAttribute("value"))
                    .isEmpty();
            assertThat(browser.getPageSource())
                    .doesNotContain("typed-secret-1")
                    .doesNotContain(SftpTestServer.PASSWORD);

            // deliver now, and watch it arrive
            clickAndLoad(By.cssSelector("#destination-nas button.deliver"));
            assertThat(text("#notice")).contains("is queued for delivery to nas");
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
                d.navigate().refresh();
                return !d.findElements(By.cssSelector("#destination-nas tr.delivery.delivered"))
                        .isEmpty();
            });
            assertThat(text("#destination-nas tr.delivery.delivered td.status")).isEqualTo("delivered");
            try (var files = Files.walk(sftp.root().resolve("exports"))) {
                assertThat(files.map(f -> f.getFileName().toString())).contains("contacts.csv", "_SUCCESS");
            }
            screenshot("destinations");

            clickAndLoad(By.id("lang-de"));
            assertThat(text("h1")).isEqualTo("Ziele");
            assertThat(text("#destination-nas tr.delivery.delivered td.status")).isEqualTo("geliefert");
            screenshot("destinations-de");
            clickAndLoad(By.id("lang-en"));

            clickAndLoad(By.cssSelector("#destination-impostor button.remove"));
            assertThat(text("#notice")).isEqualTo("Destination impostor removed; what it received stays there.");
            assertThat(browser.findElements(By.id("destination-impostor"))).isEmpty();
            for (ILoggingEvent e : new ArrayList<>(logged.list)) {
                assertThat(e.getFormattedMessage()).doesNotContain(SftpTestServer.PASSWORD);
            }
        }
    }

    private static void addSftp(String name, SftpTestServer sftp, String hostKey, String password) {
        WebElement form = browser.findElement(By.id("add-destination"));
        type(form, "name", name);
        type(form, "host", "127.0.0.1");
        type(form, "port", Integer.toString(sftp.port()));
        type(form, "user", SftpTestServer.USER);
        type(form, "host_key", hostKey);
        type(form, "directory", "exports");
        type(form, "password", password);
        clickAndLoad(By.id("save-destination"));
    }

    private static void type(WebElement form, String field, String value) {
        WebElement input = form.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    private static void signIn(String apiKey) {
        WebElement field = browser.findElement(By.id("api_key"));
        field.clear();
        field.sendKeys(apiKey);
        clickAndLoad(By.id("sign-in"));
    }

    /** Clicks what leads to another page, and waits until that page has replaced this one. */
    private static void clickAndLoad(By by) {
        WebElement element = browser.findElement(by);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> replaced(element));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        visited.add(browser.getCurrentUrl());
    }

    /**
     * Whether the page holding {@code element} is gone. ChromeDriver reports an element of a page that is being
     * replaced either as stale or, caught mid-navigation, as "Node with given id does not belong to the document"
     * (seen once in CI), which ExpectedConditions.stalenessOf does not count as stale.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) return true;
            throw e;
        }
    }

    private static void open(String path) {
        browser.get(base + path);
        visited.add(browser.getCurrentUrl());
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void screenshot(String name) throws Exception {
        visited.add(browser.getCurrentUrl());
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] apiCsv(String table) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/datadump/" + table + "?format=csv"))
                                .header("X-API-KEY", key)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(end);
            Thread.sleep(100);
        }
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
