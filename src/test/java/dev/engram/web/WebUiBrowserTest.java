package dev.engram.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.cli.Cli;
import dev.engram.cli.MemoryCommands;
import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SaveResult;
import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.HttpSyncTransport;
import dev.engram.transport.PulledMutation;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI in a real browser: Debian's {@code chromium} driven by Selenium through
 * {@code chromium-driver}, against a real {@code engram serve} process whose autosync talks to a real
 * cloud server. Walks every page (screenshots in {@code target/ui-screenshots/}), edits and deletes
 * memories and sees the changes through the CLI and on the cloud server, shows stored HTML as text,
 * and sees a sync failure (a revoked token) on the sync page with its reason.
 *
 * <p>Skipped only when {@code ENGRAM_TEST_CHROMIUM} is unset; CI sets it (and
 * {@code ENGRAM_TEST_CHROMEDRIVER}), so there it must pass. Nothing is downloaded: the driver and the
 * browser are given by path, so Selenium Manager never runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {
    private static final Path SHOTS = Path.of("target", "ui-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">";

    private Path dir;

    private Path data;
    private CloudServer cloud;
    private String cloudToken;
    private Process serve;
    private String base;
    private ChromeDriver driver;
    private long redirectLoopId;
    private long syncedId;
    private long hostileId;
    private long throwAwayId;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        String chromium = System.getenv("ENGRAM_TEST_CHROMIUM");
        assumeTrue(chromium != null && !chromium.isBlank(), "ENGRAM_TEST_CHROMIUM is not set");
        String driverPath = System.getenv().getOrDefault("ENGRAM_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(Path.of(chromium)).as("ENGRAM_TEST_CHROMIUM").isExecutable();
        assertThat(Path.of(driverPath)).as("ENGRAM_TEST_CHROMEDRIVER (apt-get install chromium-driver)").isExecutable();
        Files.createDirectories(SHOTS);

        data = dir.resolve("data");
        cloud = CloudServer.start(CloudServerConfig.defaults().withPort(0)
                .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("cloud.db").toString())));
        cloudToken = cloud.tokens().create("laptop", List.of("synced")).token();
        seed();
        serve = startServe();
        driver = browser(chromium, driverPath);
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (serve != null) {
            serve.destroy();
            serve.waitFor(20, TimeUnit.SECONDS);
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private void seed() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
            store.startSession("s-webapp-1", "webapp", "/home/me/webapp");
            store.savePrompt("s-webapp-1", "Why does the login page redirect forever?", "webapp");
            store.savePrompt("s-webapp-1", "Fix it and write down what you found.", "webapp");
            for (int i = 1; i <= 60; i++) {
                String type = i % 3 == 0 ? "bugfix" : "decision";
                save(store, "s-webapp-1", type, "Note " + i + " about the build", "Detail " + i + ": the build cache lives in target/.",
                        "webapp");
            }
            redirectLoopId = save(store, "s-webapp-1", "bugfix", "Login redirect loop fixed",
                    "The session cookie had SameSite=Strict, so the OAuth callback lost it and the login page redirected forever.", "webapp");
            throwAwayId = save(store, "s-webapp-1", "discovery", "Throw-away note", "Nothing worth keeping.", "webapp");
            hostileId = save(store, null, "manual", HOSTILE, "Stored markup: " + HOSTILE + " <b>not bold</b>", "hostile");
            save(store, null, "manual", "Odd project name", "Its name holds URL syntax.", "team/app #1?%&x=y");
            store.enroll("synced");
            syncedId = save(store, null, "decision", "Use WAL mode", "Readers never block the writer.", "synced");
            // Two local writes the server "refused": moved from the journal into the outbound dead letters,
            // as the sync engine does when the server refuses an entry.
            store.write(c -> {
                Sql.update(c, "INSERT INTO sync_outbound_dead (journal_seq, mutation_id, project, entity, entity_key, op, payload, version, "
                        + "created_at, field, error, dead_at) SELECT seq, 'm-' || seq, project, entity, entity_key, op, payload, version, "
                        + "created_at, 'content', 'content is longer than the server allows (test)', created_at FROM journal "
                        + "WHERE project = 'synced' ORDER BY seq LIMIT 2");
                Sql.update(c, "DELETE FROM journal WHERE seq IN (SELECT journal_seq FROM sync_outbound_dead)");
                return null;
            });
        }
    }

    private static long save(SqliteMemoryStore store, String session, String type, String title, String content, String project) {
        SaveResult r = store.save(new NewObservation(session, type, title, content, null, project, null, null));
        return ((SaveResult.Created) r).observation().id();
    }

    private Process startServe() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main",
                "--data-dir", data.toString(), "serve", "--port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("serve.out").toFile())
                .redirectError(dir.resolve("serve.err").toFile());
        pb.environment().putAll(Map.of("ENGRAM_CLOUD_SERVER", "http://127.0.0.1:" + cloud.port(), "ENGRAM_CLOUD_TOKEN", cloudToken,
                "ENGRAM_CLOUD_AUTOSYNC", "1", "ENGRAM_AUTOSYNC_POLL_INTERVAL", "200ms", "ENGRAM_AUTOSYNC_DEBOUNCE", "0ms",
                "ENGRAM_AUTOSYNC_BASE_BACKOFF", "50ms", "ENGRAM_AUTOSYNC_MAX_BACKOFF", "300ms"));
        Process p = pb.start();
        base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        await().atMost(WAIT).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return p;
    }

    private ChromeDriver browser(String chromium, String driverPath) throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--window-size=1280,1400");
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(WAIT);
        return d;
    }

    private void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Runs an action that loads another page and waits until the new page has replaced the old one. */
    private void follow(Runnable action) {
        WebElement old = driver.findElement(By.tagName("html"));
        action.run();
        // The old page is gone once its root element cannot be asked anything: Chrome reports that either as a
        // stale element or, mid-navigation, as "node does not belong to the document" (a plain WebDriverException).
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                old.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void open(String path) {
        driver.get(base + path);
    }

    private String h1() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private String mainText() {
        return driver.findElement(By.tagName("main")).getText();
    }

    private CliResult cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        CommandLine cl = Cli.commandLine(MemoryCommands.all());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new CliResult(code, out.toString(), err.toString());
    }

    record CliResult(int exit, String out, String err) {
    }

    @Test
    @Order(1)
    void everyPageIsReachedByItsLinksAndPhotographed() throws Exception {
        open("/");
        assertThat(h1()).isEqualTo("Projects");
        assertThat(driver.getTitle()).isEqualTo("Projects · Engram");
        WebElement webapp = driver.findElement(By.linkText("webapp"));
        assertThat(webapp.findElement(By.xpath("./ancestor::tr")).getText()).contains("62").contains(" 1 ").contains("2");
        shot("01-projects");

        follow(webapp::click);
        assertThat(h1()).isEqualTo("webapp");
        List<WebElement> items = driver.findElements(By.cssSelector("ol.memories > li"));
        assertThat(items).hasSize(ProjectPages.PAGE_SIZE);
        assertThat(items.getFirst().getText()).contains("Throw-away note"); // newest first
        assertThat(mainText()).contains("62 memories").contains("Page 1 of 2");
        shot("02-project");

        follow(() -> driver.findElement(By.linkText("Older →")).click());
        assertThat(driver.findElements(By.cssSelector("ol.memories > li"))).hasSize(12);
        assertThat(mainText()).contains("Page 2 of 2");

        new Select(driver.findElement(By.id("type"))).selectByVisibleText("bugfix");
        follow(() -> driver.findElement(By.cssSelector("#type-filter button")).click());
        List<WebElement> tags = driver.findElements(By.cssSelector("ol.memories .tag"));
        assertThat(tags).hasSize(21).allSatisfy(t -> assertThat(t.getText()).isEqualTo("bugfix"));

        WebElement box = driver.findElement(By.id("q"));
        follow(() -> box.sendKeys("redirect cookie", Keys.ENTER));
        assertThat(h1()).isEqualTo("Search: redirect cookie");
        assertThat(driver.findElements(By.cssSelector("ol.results > li"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("ol.results mark"))).extracting(WebElement::getText)
                .contains("redirect", "cookie");
        shot("03-search");
        open("/?q=build&project=webapp&type=bugfix");
        assertThat(driver.findElements(By.cssSelector("ol.results > li"))).hasSize(20)
                .allSatisfy(li -> assertThat(li.getText()).contains("bugfix").contains("webapp"));
        open("/?q=redirect+cookie");

        follow(() -> driver.findElement(By.linkText("Login redirect loop fixed")).click());
        assertThat(h1()).isEqualTo("Login redirect loop fixed");
        assertThat(mainText()).contains("SameSite=Strict").contains("Revisions\n1").contains("Timeline of its session")
                .contains("Throw-away note");
        shot("04-observation");

        follow(() -> driver.findElement(By.linkText("Sessions")).click());
        assertThat(h1()).isEqualTo("Sessions");
        assertThat(mainText()).contains("s-webapp-1").contains("Why does the login page redirect forever?").contains("2 prompts");
        shot("05-sessions");

        follow(() -> driver.findElement(By.linkText("Sync")).click());
        assertThat(h1()).isEqualTo("Sync");
        await().atMost(WAIT).untilAsserted(() -> {
            driver.navigate().refresh();
            assertThat(mainText()).contains("Healthy: everything is in sync.").contains("Last hour");
        });
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof htmx")).as("htmx loaded under the CSP")
                .isEqualTo("object");
        shot("06-sync");

        driver.manage().window().setSize(new Dimension(390, 844));
        open("/ui/memories?project=webapp");
        Number width = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
        assertThat(width.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
        shot("07-project-phone");
        open("/ui/observations/" + redirectLoopId);
        shot("08-observation-phone");
        driver.manage().window().setSize(new Dimension(1280, 1400));
    }

    @Test
    @Order(2)
    void theKeyboardReachesTheSkipLinkFirstAndEveryControlHasALabel() {
        open("/ui/observations/" + redirectLoopId);
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        focused.sendKeys(Keys.ENTER);
        assertThat(driver.switchTo().activeElement().getTagName()).isEqualTo("main");
        for (WebElement field : driver.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
            String id = field.getAttribute("id");
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for #" + id).hasSize(1);
        }
    }

    @Test
    @Order(3)
    void anEditAndADeleteInTheBrowserShowThroughTheCliAndReachTheCloud() throws Exception {
        open("/ui/observations/" + syncedId);
        WebElement title = driver.findElement(By.id("f-title"));
        title.clear();
        title.sendKeys("Use WAL mode (edited in the browser)");
        WebElement content = driver.findElement(By.id("f-content"));
        content.clear();
        content.sendKeys("Readers never block the writer.\nChecked on a laptop.");
        follow(() -> driver.findElement(By.xpath("//button[text()='Save changes']")).click());
        assertThat(mainText()).contains("Saved.").contains("Revisions\n2");
        assertThat(h1()).isEqualTo("Use WAL mode (edited in the browser)");

        CliResult got = cli("get", Long.toString(syncedId), "--json");
        assertThat(got.exit()).as(got.err()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(got.out());
        assertThat(json.get("title").asString()).isEqualTo("Use WAL mode (edited in the browser)");
        assertThat(json.get("content").asString()).isEqualTo("Readers never block the writer.\nChecked on a laptop.");
        assertThat(json.get("revision_count").asInt()).isEqualTo(2);
        // Journaled and replicated like any write: the cloud server gets the edit.
        await().atMost(WAIT).untilAsserted(() -> assertThat(pulled()).anySatisfy(m ->
                assertThat(m.payloadJson()).contains("Use WAL mode (edited in the browser)")));

        // Soft delete through the confirmation page.
        open("/ui/observations/" + redirectLoopId);
        follow(() -> driver.findElement(By.linkText("Delete this memory…")).click());
        assertThat(h1()).isEqualTo("Delete this memory?");
        shot("11-delete-confirmation");
        assertThat(driver.findElement(By.id("d-soft")).isSelected()).isTrue();
        follow(() -> driver.findElement(By.xpath("//button[text()='Yes, delete']")).click());
        assertThat(h1()).isEqualTo("webapp");
        assertThat(mainText()).contains("Memory " + redirectLoopId + " was deleted.").contains("61 memories");
        assertThat(cli("search", "redirect cookie").out()).doesNotContain("Login redirect loop fixed");
        assertThat(JsonMapper.builder().build().readTree(cli("get", Long.toString(redirectLoopId), "--json").out())
                .get("deleted_at").isString()).isTrue();

        // Hard delete: gone for good.
        open("/ui/observations/" + throwAwayId + "/delete");
        driver.findElement(By.cssSelector("label[for='d-hard']")).click();
        follow(() -> driver.findElement(By.xpath("//button[text()='Yes, delete']")).click());
        assertThat(mainText()).contains("Memory " + throwAwayId + " was deleted.");
        CliResult gone = cli("get", Long.toString(throwAwayId));
        assertThat(gone.exit()).isEqualTo(Cli.FAILED);
        assertThat(gone.err()).contains("not found");
    }

    private List<PulledMutation> pulled() {
        try (HttpSyncTransport reader = new HttpSyncTransport("http://127.0.0.1:" + cloud.port(), cloudToken)) {
            return reader.pull(0, 1000, 0).mutations();
        }
    }

    @Test
    @Order(4)
    void storedHtmlIsShownAsTextAndNeverRuns() throws Exception {
        open("/ui/observations/" + hostileId);
        assertThat(h1()).isEqualTo(HOSTILE);
        assertThat(mainText()).contains("Stored markup: " + HOSTILE + " <b>not bold</b>");
        assertThat(driver.findElements(By.cssSelector("main script, main img, main b"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(driver.findElement(By.id("f-title")).getAttribute("value")).isEqualTo(HOSTILE);
        shot("09-stored-html-as-text");

        open("/?q=pwned");
        assertThat(driver.findElements(By.cssSelector("main script, main img, main b"))).isEmpty();
        assertThat(mainText()).contains("window.__pwned = 1");
        assertThat(driver.findElements(By.cssSelector("ol.results mark"))).extracting(WebElement::getText).contains("pwned");
        open("/");
        assertThat(driver.findElement(By.linkText("hostile")).isDisplayed()).isTrue();
        follow(() -> driver.findElement(By.linkText("team/app #1?%&x=y")).click());
        assertThat(h1()).isEqualTo("team/app #1?%&x=y");
        assertThat(mainText()).contains("Odd project name").contains("1 memory");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    }

    @Test
    @Order(5)
    void refusedWritesCanBeRetriedOrDiscardedAndASyncFailureShowsWithItsReason() throws Exception {
        open("/ui/sync");
        List<WebElement> rows = driver.findElements(By.cssSelector("#out-h ~ table tbody tr"));
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.getText()).contains("content is longer than the server allows (test)"));
        follow(() -> rows.getFirst().findElement(By.xpath(".//button[text()='Retry']")).click());
        assertThat(mainText()).contains("Queued again for the next push.");
        assertThat(driver.findElements(By.cssSelector("#out-h ~ table tbody tr"))).hasSize(1);

        follow(() -> driver.findElement(By.linkText("Discard…")).click());
        assertThat(h1()).isEqualTo("Discard this refused change?");
        follow(() -> driver.findElement(By.xpath("//button[text()='Yes, discard']")).click());
        assertThat(mainText()).contains("Discarded.");
        assertThat(driver.findElement(By.cssSelector("#out-h + p")).getText()).isEqualTo("None.");

        cloud.tokens().revoke("laptop");
        CliResult saved = cli("save", "Written after the token was revoked", "It cannot be pushed.", "--project", "synced");
        assertThat(saved.exit()).as(saved.err()).isZero();
        await().atMost(WAIT).untilAsserted(() -> {
            driver.navigate().refresh();
            assertThat(mainText()).contains("The cloud server rejected the token (401)").contains("auth_required")
                    .containsPattern("Waiting to be pushed\\n[1-9]\\d* change");
            assertThat(driver.findElement(By.id("chart-summary")).getText()).containsPattern("[1-9]\\d* failed attempt");
        });
        assertThat(driver.findElement(By.cssSelector("#sync-status .phase")).getText()).isNotEqualTo(SyncPage.phaseWords("healthy"));
        assertThat(driver.findElements(By.cssSelector("svg.chart rect.failed"))).isNotEmpty();
        shot("10-sync-failure");
    }

    @Test
    @Order(6)
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("/", "/?q=x", "/ui/memories?project=webapp", "/ui/observations/" + syncedId, "/ui/sessions", "/ui/sync",
                "/ui/observations/999999", "/ui/memories?project=webapp&page=zero")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isIn(200, 400, 404);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(WebUi.CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue(WebUi.REFERRER_POLICY);
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        }
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/memories?project=webapp&page=zero")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("page must be a whole number");
    }
}
