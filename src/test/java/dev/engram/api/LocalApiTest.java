package dev.engram.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local HTTP API on a real port, over a real SQLite file. */
class LocalApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private SqliteMemoryStore store;
    private LocalApi api;
    private HttpClient http;
    private String base;
    private final AtomicInteger writes = new AtomicInteger();

    @BeforeEach
    void start() {
        store = SqliteMemoryStore.open(dir);
        store.addWriteListener(writes::incrementAndGet);
        api = new LocalApi(store, SyncStatusSource.notConfigured(store), LocalMetrics.create(store), "1.2.3");
        int port = api.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + port;
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
        http.close();
    }

    record Reply(int status, JsonNode json, String text, String contentType) {
    }

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.startsWith("application/json") ? JSON.readTree(r.body()) : null;
        return new Reply(r.statusCode(), json, r.body(), type);
    }

    private Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    private Reply post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private long save(String title, String content, String project) throws Exception {
        Reply r = post("/observations", JSON.writeValueAsString(java.util.Map.of("title", title, "content", content, "project", project)));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static void assertError(Reply r, int status, String code, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("code").asString()).isEqualTo(code);
        assertThat(r.json().get("error").asString()).isNotBlank();
        if (field != null) {
            assertThat(r.json().get("field").asString()).isEqualTo(field);
            assertThat(r.json().get("error").asString()).contains(field);
        }
    }

    @Test
    void healthSaysOkWithServiceAndVersion() throws Exception {
        Reply r = get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ok");
        assertThat(r.json().get("service").asString()).isEqualTo("engram");
        assertThat(r.json().get("version").asString()).isEqualTo("1.2.3");
    }

    @Test
    void savesGetsPatchesAndDeletesAnObservationWithWireNames() throws Exception {
        Reply saved = post("/observations", """
                {"title":"Use WAL","content":"readers never block <private>secret</private>","project":"My__App",
                 "type":"decision","scope":"personal","tool_name":"edit","session_id":"s-1"}""");
        assertThat(saved.status()).isEqualTo(201);
        JsonNode o = saved.json();
        long id = o.get("id").asLong();
        assertThat(o.get("sync_id").asString()).matches("obs-[0-9a-f]{16}");
        assertThat(o.get("project").asString()).isEqualTo("my_app");
        assertThat(o.get("scope").asString()).isEqualTo("personal");
        assertThat(o.get("session_id").asString()).isEqualTo("s-1");
        assertThat(o.get("tool_name").asString()).isEqualTo("edit");
        assertThat(o.get("content").asString()).contains("[REDACTED]").doesNotContain("secret");
        assertThat(o.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(o.get("deleted_at").isNull()).isTrue();
        assertThat(o.get("action").asString()).isEqualTo("created");

        assertThat(get("/observations/" + id).json().get("title").asString()).isEqualTo("Use WAL");

        Reply patched = send("PATCH", "/observations/" + id, "{\"title\":\"Use WAL mode\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("title").asString()).isEqualTo("Use WAL mode");
        assertThat(patched.json().get("content").asString()).contains("readers never block");
        assertThat(patched.json().get("revision_count").asInt()).isEqualTo(o.get("revision_count").asInt() + 1);

        Reply deleted = send("DELETE", "/observations/" + id, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("hard_delete").asBoolean()).isFalse();
        assertThat(get("/observations/" + id).json().get("deleted_at").isNull()).isFalse();
        assertThat(get("/search?q=WAL").json().get("results")).isEmpty();

        assertThat(send("DELETE", "/observations/" + id + "?hard=true", null).status()).isEqualTo(200);
        assertError(get("/observations/" + id), 404, "not_found", null);
    }

    @Test
    void topicKeyRevisesInsteadOfCreating() throws Exception {
        String body = "{\"title\":\"Auth\",\"content\":\"v%d\",\"project\":\"p\",\"topic_key\":\"decision/auth\"}";
        Reply first = post("/observations", body.formatted(1));
        Reply second = post("/observations", body.formatted(2));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("action").asString()).isEqualTo("revised");
        assertThat(second.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(second.json().get("revision_count").asInt()).isEqualTo(first.json().get("revision_count").asInt() + 1);
    }

    @Test
    void searchFiltersAndLimits() throws Exception {
        save("Retry with backoff", "exponential backoff for the push loop", "alpha");
        save("Backoff cap", "max backoff five minutes", "beta");
        save("Unrelated", "nothing to see", "alpha");

        JsonNode all = get("/search?q=backoff").json().get("results");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).has("snippet")).isTrue();
        assertThat(all.get(0).has("rank")).isTrue();
        assertThat(get("/search?q=backoff&project=alpha").json().get("results")).hasSize(1);
        assertThat(get("/search?q=backoff&limit=1").json().get("results")).hasSize(1);
        assertThat(get("/search?q=" + java.net.URLEncoder.encode("\"unbalanced AND (", java.nio.charset.StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
    }

    @Test
    void sessionsPromptsContextTimelineAndStats() throws Exception {
        Reply session = post("/sessions", "{\"id\":\"s-9\",\"project\":\"app\",\"directory\":\"/src/app\"}");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("started_at").asString()).endsWith("Z");
        assertThat(session.json().get("ended_at").isNull()).isTrue();

        long a = save("one", "first", "app");
        Reply second = post("/observations", "{\"title\":\"two\",\"content\":\"second\",\"project\":\"app\",\"session_id\":\"s-9\"}");
        long b = second.json().get("id").asLong();
        post("/observations", "{\"title\":\"three\",\"content\":\"third\",\"project\":\"app\",\"session_id\":\"s-9\"}");

        Reply prompt = post("/prompts", "{\"content\":\"make it fast\",\"project\":\"app\",\"session_id\":\"s-9\"}");
        assertThat(prompt.status()).isEqualTo(201);
        assertThat(prompt.json().get("sync_id").asString()).startsWith("prompt-");

        JsonNode context = get("/context?project=app&limit=10").json();
        assertThat(context.get("observations")).hasSize(3);
        assertThat(context.get("prompts")).hasSize(1);
        assertThat(context.get("sessions").size()).isGreaterThanOrEqualTo(1);

        JsonNode timeline = get("/timeline?observation_id=" + b + "&before=2&after=2").json();
        assertThat(timeline.get("focus").get("id").asLong()).isEqualTo(b);
        assertThat(timeline.get("after")).hasSize(1);
        assertThat(timeline.get("before")).isEmpty(); // observation a is in another session
        assertThat(a).isNotEqualTo(b);

        Reply ended = post("/sessions/s-9/end", "{\"summary\":\"done\"}");
        assertThat(ended.json().get("summary").asString()).isEqualTo("done");
        assertThat(ended.json().get("ended_at").isNull()).isFalse();
        assertThat(post("/sessions/s-10/end", null).status()).isEqualTo(404);

        JsonNode stats = get("/stats").json();
        assertThat(stats.get("observations").asLong()).isEqualTo(3);
        assertThat(stats.get("prompts").asLong()).isEqualTo(1);
        assertThat(stats.get("by_project_and_type").get(0).get("project").asString()).isEqualTo("app");
    }

    @Test
    void syncStatusIsTheNotConfiguredRecord() throws Exception {
        JsonNode s = get("/sync/status").json();
        assertThat(s.get("enabled").asBoolean()).isFalse();
        assertThat(s.get("phase").asString()).isEqualTo("disabled");
        assertThat(s.get("reason_code").asString()).isEqualTo("not_configured");
        assertThat(s.get("reason_message").asString()).contains("engram cloud config");
        assertThat(s.get("pending_count").asLong()).isZero();
        assertThat(s.get("enrolled_projects").isArray()).isTrue();
        assertThat(s.propertyNames()).containsExactly("enabled", "server", "phase", "reason_code", "reason_message", "last_error",
                "consecutive_failures", "backoff_until", "last_sync_at", "pending_count", "oldest_pending_age_ms", "last_pulled_seq",
                "server_latest_seq", "lease_owner", "lease_until", "dead_count", "outbound_dead_count", "enrolled_projects");
    }

    @Test
    void metricsArePrometheusTextWithEngramNames() throws Exception {
        save("a", "b", "p");
        get("/health");
        Reply r = get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.text()).contains("engram_observations 1.0")
                .contains("engram_sync_pending_mutations 0.0")
                .contains("engram_http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}");
    }

    @Test
    void writesWakeTheWriteListeners() throws Exception {
        int before = writes.get();
        save("wake", "up", "p");
        assertThat(writes.get()).isGreaterThan(before);
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        assertError(post("/observations", "{\"title\":\" \",\"content\":\"c\",\"project\":\"p\"}"), 400, "invalid_input", "title");
        assertError(post("/observations", "{\"title\":\"t\",\"content\":\"c\"}"), 400, "invalid_input", "project");
        assertError(post("/observations", "{\"title\":\"t\",\"content\":42,\"project\":\"p\"}"), 400, "invalid_input", "content");
        assertError(post("/observations", "{\"title\":\"t\",\"content\":\"c\",\"project\":\"p\",\"scope\":\"team\"}"), 400, "invalid_input", "scope");
        assertError(post("/observations", "{\"title\":\"t\",\"content\":\"c\",\"project\":\"p\",\"sessionId\":\"x\"}"), 400, "invalid_input", "sessionId");
        assertError(post("/observations", "{\"title\":"), 400, "invalid_input", "body");
        assertError(post("/observations", "[1,2]"), 400, "invalid_input", "body");
        assertError(post("/sessions", "{\"project\":\"p\"}"), 400, "invalid_input", "id");
        assertError(post("/prompts", "{\"content\":\"\",\"project\":\"p\"}"), 400, "invalid_input", "content");
        assertError(get("/search"), 400, "invalid_input", "q");
        assertError(get("/search?q=x&limit=ten"), 400, "invalid_input", "limit");
        assertError(get("/search?q=x&limit=1000"), 400, "invalid_input", "limit");
        assertError(get("/context?limit=1.5"), 400, "invalid_input", "limit");
        assertError(get("/timeline"), 400, "invalid_input", "observation_id");
        assertError(get("/timeline?observation_id=1&before=x"), 400, "invalid_input", "before");
        assertError(get("/observations/abc"), 400, "invalid_input", "id");
        assertError(get("/observations/-1"), 400, "invalid_input", "id");
        long id = save("t", "c", "p");
        assertError(send("PATCH", "/observations/" + id, "{}"), 400, "invalid_input", "body");
        assertError(send("DELETE", "/observations/" + id + "?hard=maybe", null), 400, "invalid_input", "hard");
    }

    @Test
    void missingThingsAre404AndUnknownRoutesAreJson() throws Exception {
        assertError(get("/observations/12345"), 404, "not_found", null);
        assertError(send("PATCH", "/observations/12345", "{\"title\":\"x\"}"), 404, "not_found", null);
        assertError(send("DELETE", "/observations/12345", null), 404, "not_found", null);
        assertError(get("/timeline?observation_id=12345"), 404, "not_found", null);
        assertError(get("/no/such/route"), 404, "not_found", null);
        assertError(send("PUT", "/observations/1", "{}"), 405, "method_not_allowed", null);
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        String huge = "{\"title\":\"t\",\"project\":\"p\",\"content\":\"" + "x".repeat((int) LocalApi.MAX_BODY_BYTES) + "\"}";
        assertError(post("/observations", huge), 413, "payload_too_large", null);

        // Without a Content-Length (chunked), the limit still holds.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base + "/observations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))
                .build();
        HttpResponse<String> r = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).get("code").asString()).isEqualTo("payload_too_large");
        // and the server is still fine
        assertThat(get("/health").status()).isEqualTo(200);
    }

    @Test
    void aPortInUseIsAClearFailure() {
        LocalApi second = new LocalApi(store, SyncStatusSource.notConfigured(store), LocalMetrics.create(store), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.start("127.0.0.1", api.port()))
                .hasMessageContaining("cannot listen on 127.0.0.1:" + api.port());
    }

    @Test
    void contextWithinMaxBytesReturnsTheMostUsefulMemoriesCompactAndNeverMoreBytes() throws Exception {
        for (int i = 0; i < 25; i++) {
            save("Memory " + i, "content ünïcödé " + i, "demo");
        }
        save("Elsewhere", "other project", "other");
        for (int budget : new int[] {1, 64, 200, 1000, 100_000}) {
            Reply r = get("/context?project=demo&max_bytes=" + budget);
            assertThat(r.status()).isEqualTo(200);
            String text = r.json().get("text").asString();
            assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget)
                    .isEqualTo(r.json().get("bytes").asInt());
            assertThat(text).doesNotContain("Elsewhere");
            assertThat(r.json().get("included").asInt() + r.json().get("omitted").asInt()).isEqualTo(25);
        }
        assertThat(get("/context?project=demo&max_bytes=100000").json().get("text").asString())
                .startsWith("Memory of project demo").contains("- [manual] Memory 24: content");
    }

    @Test
    void badMaxBytesIsA400NamingIt() throws Exception {
        for (String bad : new String[] {"0", "-1", "1048577", "9999999999999", "lots", "1.5"}) {
            assertError(get("/context?max_bytes=" + bad), 400, "invalid_input", "max_bytes");
        }
        assertError(get("/context?max_bytes=100&limit=5"), 400, "invalid_input", "max_bytes");
    }
}
