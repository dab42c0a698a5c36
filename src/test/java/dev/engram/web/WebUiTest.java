package dev.engram.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.api.LocalApi;
import dev.engram.autosync.SyncHistory;
import dev.engram.memory.NewObservation;
import dev.engram.memory.Observation;
import dev.engram.memory.SaveResult;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.LocalMetrics;
import dev.engram.testing.MutableClock;
import dev.engram.view.SyncStatusSource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI over plain HTTP, without a browser: hostile and malformed input gets a page that names
 * the problem and changes nothing; forms work only from the UI's own origin; every stored string is
 * escaped in the HTML itself.
 */
class WebUiTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SqliteMemoryStore store;
    private LocalApi api;
    private String base;
    private long id;

    @BeforeEach
    void start() {
        store = SqliteMemoryStore.open(dir.resolve("data"));
        id = ((SaveResult.Created) store.save(new NewObservation(null, "decision", "Use <WAL> & \"friends\"", "Readers 'never' block.",
                null, "demo", null, null))).observation().id();
        MutableClock clock = MutableClock.at("2026-11-27T12:00:00Z");
        SyncStatusSource status = SyncStatusSource.notConfigured(store);
        api = new LocalApi(store, status, LocalMetrics.create(store), "test").withRoutes(new WebUi(store, status, new SyncHistory(clock), clock));
        base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form, String origin) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            r.header("Origin", origin);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> editForm(String title) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("title", title);
        f.put("content", "Readers 'never' block.");
        f.put("type", "decision");
        f.put("scope", "project");
        f.put("topic_key", "");
        return f;
    }

    @Test
    void storedStringsAreEscapedInTheMarkup() throws Exception {
        for (String path : new String[] {"/", "/ui/memories?project=demo", "/?q=wal", "/ui/observations/" + id}) {
            String html = get(path).body();
            assertThat(html).as(path).doesNotContain("<WAL>");
        }
        String page = get("/ui/observations/" + id).body();
        assertThat(page).contains("<h1>Use &lt;WAL&gt; &amp; &quot;friends&quot;</h1>")
                .contains("value=\"Use &lt;WAL&gt; &amp; &quot;friends&quot;\"").contains("Readers &#39;never&#39; block.");
    }

    @Test
    void anEditFromTheUisOwnOriginIsSavedAndRedirects() throws Exception {
        HttpResponse<String> r = post("/ui/observations/" + id, editForm("Use WAL"), base);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/ui/observations/" + id + "?saved=1");
        Observation o = store.get(id);
        assertThat(o.title()).isEqualTo("Use WAL");
        assertThat(o.revisionCount()).isEqualTo(2);
        // The same form again changes nothing and says so.
        assertThat(post("/ui/observations/" + id, editForm("Use WAL"), base).headers().firstValue("Location"))
                .hasValue("/ui/observations/" + id + "?unchanged=1");
        assertThat(store.get(id).revisionCount()).isEqualTo(2);
    }

    @Test
    void formsFromAnywhereElseChangeNothing() throws Exception {
        assertThat(post("/ui/observations/" + id, editForm("evil"), "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(post("/ui/observations/" + id, editForm("evil"), "null").statusCode()).isEqualTo(403);
        assertThat(post("/ui/observations/" + id, editForm("evil"), null).statusCode()).isEqualTo(403);
        assertThat(post("/ui/observations/" + id + "/delete", Map.of("confirm", "yes", "hard", "true"), "http://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(store.get(id).title()).isEqualTo("Use <WAL> & \"friends\"");
        assertThat(store.get(id).deleted()).isFalse();
    }

    @Test
    void badInputGetsAPageNamingTheFieldAndChangesNothing() throws Exception {
        Map<String, String> noTitle = editForm("x");
        noTitle.remove("title");
        assertBadRequest(post("/ui/observations/" + id, noTitle, base), "title is required");
        assertBadRequest(post("/ui/observations/" + id, editForm("   "), base), "title");
        assertBadRequest(post("/ui/observations/" + id, editForm("t".repeat(2_000)), base), "title");
        Map<String, String> badScope = editForm("x");
        badScope.put("scope", "galaxy");
        assertBadRequest(post("/ui/observations/" + id, badScope, base), "scope");
        assertBadRequest(post("/ui/observations/" + id + "/delete", Map.of("hard", "true"), base), "confirm");
        assertBadRequest(post("/ui/observations/" + id + "/delete", Map.of("confirm", "yes", "hard", "maybe"), base), "hard");
        assertBadRequest(get("/ui/observations/-1"), "id must be a positive whole number");
        assertBadRequest(get("/ui/observations/99999999999999999999999"), "id must be a positive whole number");
        assertBadRequest(get("/ui/memories?project=demo&page=0"), "page must be a whole number");
        assertBadRequest(get("/ui/memories"), "project must not be blank");
        assertBadRequest(get("/ui/sessions?page=abc"), "page");
        assertBadRequest(post("/ui/sync/outbound/1/discard", Map.of(), base), "confirm");
        assertThat(get("/ui/observations/424242").statusCode()).isEqualTo(404);
        assertThat(get("/ui/sync/outbound/7/discard").statusCode()).isEqualTo(404);
        assertThat(get("/?q=" + URLEncoder.encode("\"unbalanced NEAR( *", StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        Observation o = store.get(id);
        assertThat(o.title()).isEqualTo("Use <WAL> & \"friends\"");
        assertThat(o.revisionCount()).isEqualTo(1);
        assertThat(o.deleted()).isFalse();
    }

    private static void assertBadRequest(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noticesNeverEchoTextFromTheAddress() throws Exception {
        assertThat(get("/ui/sync?done=Your%20token%20leaked").body()).doesNotContain("token leaked");
        assertThat(get("/ui/sync?done=discarded").body()).contains("Discarded.");
        assertThat(get("/ui/memories?project=demo&deleted=Call%20us").body()).doesNotContain("Call us");
        assertThat(get("/ui/memories?project=demo&deleted=12").body()).contains("Memory 12 was deleted.");
    }

    @Test
    void theAssetsAreServedFromTheJarWithTheirTypes() throws Exception {
        HttpResponse<String> page = get("/");
        String script = page.body().replaceAll("(?s).*<script src=\"([^\"]+)\".*", "$1");
        assertThat(script).startsWith("/ui/assets/htmx-").endsWith(".min.js");
        HttpResponse<String> js = get(script);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(js.body()).contains("htmx");
        HttpResponse<String> css = get(WebUi.CSS_PATH);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(css.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
