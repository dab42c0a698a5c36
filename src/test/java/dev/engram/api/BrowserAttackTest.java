package dev.engram.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Stats;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser attacks the local API: a page on another origin (fetch with text/plain, JSON and an
 * untyped blob, auto-submitted HTML forms, a cross-origin read) and a DNS-rebinding page that reads
 * {@code /search} as if it were same-origin. Nothing may be stored and nothing may be read.
 *
 * <p>Runs Debian's {@code chromium} headless from {@code ENGRAM_TEST_CHROMIUM}; skipped only when that
 * variable is unset (CI sets it, so there the test must pass, never skip).
 */
class BrowserAttackTest {
    private static final long BROWSER_TIMEOUT_SECONDS = 90;

    @TempDir
    Path dir;

    private Path chromium;
    private SqliteMemoryStore store;
    private PrometheusMeterRegistry registry;
    private LocalApi api;
    private int apiPort;

    @BeforeEach
    void start() {
        String configured = System.getenv("ENGRAM_TEST_CHROMIUM");
        assumeTrue(configured != null && !configured.isBlank(), "ENGRAM_TEST_CHROMIUM is not set");
        chromium = Path.of(configured);
        assertThat(Files.isExecutable(chromium)).as("ENGRAM_TEST_CHROMIUM=" + configured + " is executable").isTrue();
        store = SqliteMemoryStore.open(dir.resolve("data"));
        registry = LocalMetrics.create(store);
        api = new LocalApi(store, SyncStatusSource.notConfigured(store), registry, "test");
        apiPort = api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
            store.close();
        }
    }

    @Test
    void aPageOnAnotherOriginCanNeitherWriteNorRead() throws Exception {
        AtomicInteger pageLoads = new AtomicInteger();
        String page = attackPage("http://127.0.0.1:" + apiPort);
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        evil.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/")) {
                pageLoads.incrementAndGet();
            }
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        String dom;
        try {
            dom = dumpDom("http://evil.example:" + evil.getAddress().getPort() + "/");
        } finally {
            evil.stop(0);
        }

        assertThat(pageLoads.get()).as("the browser loaded the attack page").isPositive();
        assertThat(dom).as("the page's script ran to the end").contains("done=yes");
        Stats after = store.stats();
        assertThat(after.observations() + after.sessions() + after.prompts()).as("nothing was stored; DOM:\n" + dom).isZero();
        // The fetches that needed no preflight reached the server and were refused there.
        assertThat(dom).contains("plain=opaque").contains("blob=opaque");
        // The JSON post needs a preflight, which gets no CORS headers; the read is not readable either.
        assertThat(dom).contains("json=failed:TypeError").contains("read=failed:TypeError");
        // Every attempt reached the server and was refused there: two no-cors fetches and three forms
        // (POST), the preflight of the JSON post (OPTIONS) and the read (GET).
        assertThat(refusals("POST", 403)).as("POSTs refused").isGreaterThanOrEqualTo(5);
        assertThat(refusals("OPTIONS", 403)).as("preflights refused").isGreaterThanOrEqualTo(1);
        assertThat(refusals("GET", 403)).as("reads refused").isGreaterThanOrEqualTo(1);
        assertThat(answered(201) + answered(200)).as("nothing succeeded").isZero();
    }

    @Test
    void aRebindingPageCannotReadOrWriteThoughTheBrowserThinksItIsSameOrigin() throws Exception {
        store.save(NewObservation.of("secrets", "Deploy key", "the deploy key is hunter2"));
        Stats before = store.stats();
        String dom;
        try (RebindingFront front = new RebindingFront(apiPort, rebindingPage())) {
            dom = dumpDom("http://rebind.example:" + front.port() + "/");
        }

        assertThat(dom).as("the page's script ran to the end").contains("done=yes");
        assertThat(dom).contains("search=status:403").contains("forbidden_host").doesNotContain("hunter2");
        assertThat(dom).contains("write=status:403");
        assertThat(store.stats()).isEqualTo(before);
        assertThat(refusals("GET", 403)).isGreaterThanOrEqualTo(1);
        assertThat(refusals("POST", 403)).isGreaterThanOrEqualTo(1);
    }

    /** How many {@code method} requests the API answered with {@code status}, from its own request metrics. */
    private long refusals(String method, int status) {
        return registry.find("engram.http.server.requests").tag("method", method).tag("status", Integer.toString(status))
                .timers().stream().mapToLong(Timer::count).sum();
    }

    private long answered(int status) {
        return registry.find("engram.http.server.requests").tag("status", Integer.toString(status)).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private String dumpDom(String url) throws Exception {
        Path out = dir.resolve("dom-" + System.nanoTime() + ".html");
        Path err = dir.resolve("chromium-err.txt");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"),
                "--host-resolver-rules=MAP evil.example 127.0.0.1, MAP rebind.example 127.0.0.1",
                "--virtual-time-budget=5000", "--dump-dom", url));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("chromium finished within " + BROWSER_TIMEOUT_SECONDS + "s").isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String dom = Files.readString(out);
        assertThat(dom).as("chromium dumped a DOM; stderr:\n" + tail(err)).contains("<pre id=\"log\">");
        return dom;
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file) : "";
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    /**
     * Every write a page can send to another origin without asking (no-cors fetches, forms), one that
     * needs a preflight, and a read; each fetch's outcome is written into the DOM. The forms target
     * iframes so the page stays to report; what became of them the server's request metrics say.
     */
    private static String attackPage(String target) {
        return """
                <!doctype html><html><body><pre id="log"></pre>
                <iframe name="s1"></iframe><iframe name="s2"></iframe><iframe name="s3"></iframe>
                <form id="f1" method="POST" action="TARGET/observations" enctype="text/plain" target="s1">
                  <input name='{"title":"csrf text form","content":"x","project":"attack","pad":"' value='"}'></form>
                <form id="f2" method="POST" action="TARGET/observations" target="s2">
                  <input name="title" value="csrf urlencoded form"><input name="content" value="x"><input name="project" value="attack"></form>
                <form id="f3" method="POST" action="TARGET/observations" enctype="multipart/form-data" target="s3">
                  <input name="title" value="csrf multipart form"><input name="content" value="x"><input name="project" value="attack"></form>
                <script>
                const T = 'TARGET';
                const log = (k, v) => { document.getElementById('log').textContent += k + '=' + v + '\\n'; };
                const body = JSON.stringify({title: 'csrf fetch', content: 'x', project: 'attack'});
                async function attempt(name, url, init) {
                  try {
                    const r = await fetch(url, init);
                    log(name, r.type === 'opaque' ? 'opaque' : 'status:' + r.status + ' ' + await r.text());
                  } catch (e) { log(name, 'failed:' + e.name); }
                }
                (async () => {
                  await attempt('plain', T + '/observations', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body});
                  await attempt('blob', T + '/observations', {method: 'POST', mode: 'no-cors', body: new Blob([body])});
                  await attempt('json', T + '/observations', {method: 'POST', headers: {'Content-Type': 'application/json'}, body});
                  await attempt('read', T + '/search?q=x', {});
                  for (const f of ['f1', 'f2', 'f3']) { document.getElementById(f).submit(); }
                  await new Promise(r => setTimeout(r, 1000));
                  log('done', 'yes');
                })();
                </script></body></html>
                """.replace("TARGET", target);
    }

    /** Served as http://rebind.example:PORT/: to the browser, /search and /observations are its own origin. */
    private static String rebindingPage() {
        return """
                <!doctype html><html><body><pre id="log"></pre><script>
                const log = (k, v) => { document.getElementById('log').textContent += k + '=' + v + '\\n'; };
                async function attempt(name, url, init) {
                  try { const r = await fetch(url, init); log(name, 'status:' + r.status + ' ' + await r.text()); }
                  catch (e) { log(name, 'failed:' + e.name); }
                }
                (async () => {
                  await attempt('search', '/search?q=deploy', {});
                  await attempt('write', '/observations', {method: 'POST', headers: {'Content-Type': 'application/json'},
                      body: JSON.stringify({title: 'rebound', content: 'x', project: 'attack'})});
                  log('done', 'yes');
                })();
                </script></body></html>
                """;
    }
}
