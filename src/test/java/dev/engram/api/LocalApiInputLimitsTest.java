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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Contract 8.5, "sane values only", over the local HTTP API: 400 naming the field, nothing stored. */
class LocalApiInputLimitsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY_TOO_LONG = "k".repeat(257);

    @TempDir
    Path dir;

    private SqliteMemoryStore store;
    private LocalApi api;
    private HttpClient http;
    private String base;

    @BeforeEach
    void start() {
        store = SqliteMemoryStore.open(dir);
        api = new LocalApi(store, SyncStatusSource.notConfigured(store), LocalMetrics.create(store), "test");
        base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
        http.close();
    }

    private HttpResponse<String> send(String method, String path, Map<String, ?> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefused(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("code").asString()).isEqualTo("invalid_input");
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("error").asString()).startsWith(field + " ");
    }

    private String everything() {
        return store.stats().sessions() + "/" + store.stats().observations() + "/" + store.stats().prompts() + "/"
                + store.get(1).title() + "/" + store.get(1).topicKey() + "/" + store.getSession("s1").summary();
    }

    @Test
    void everyWriteRouteRefusesOutOfRangeValuesNamingTheField() throws Exception {
        assertThat(send("POST", "/sessions", Map.of("id", "s1", "project", "demo")).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/observations", Map.of("title", "t", "content", "c", "project", "demo", "session_id", "s1"))
                .statusCode()).isEqualTo(201);
        String before = everything();

        assertRefused(send("POST", "/sessions", Map.of("id", "s".repeat(300), "project", "demo")), "id");
        assertRefused(send("POST", "/sessions", Map.of("id", "s\0", "project", "demo")), "id");
        assertRefused(send("POST", "/sessions", Map.of("id", "s2", "project", KEY_TOO_LONG)), "project");
        assertRefused(send("POST", "/sessions", Map.of("id", "s2", "project", "demo", "directory", "/".repeat(4_097))), "directory");

        assertRefused(send("POST", "/observations", Map.of("title", "t", "content", "c", "project", "demo", "session_id", "s".repeat(300))), "session_id");
        assertRefused(send("POST", "/observations", Map.of("title", "t", "content", "c", "project", "demo", "topic_key", KEY_TOO_LONG)), "topic_key");
        assertRefused(send("POST", "/observations", Map.of("title", "a\0b", "content", "c", "project", "demo")), "title");
        assertRefused(send("POST", "/observations", Map.of("title", "t".repeat(1_001), "content", "c", "project", "demo")), "title");
        assertRefused(send("POST", "/observations", Map.of("title", "t", "content", "c", "project", "demo", "type", "t".repeat(101))), "type");

        assertRefused(send("PATCH", "/observations/1", Map.of("topic_key", KEY_TOO_LONG)), "topic_key");
        assertRefused(send("PATCH", "/observations/1", Map.of("title", "\0")), "title");

        assertRefused(send("POST", "/sessions/s1/end", Map.of("summary", "done\0")), "summary");
        assertRefused(send("POST", "/sessions/" + "s".repeat(300) + "/end", Map.of("summary", "done")), "id");

        assertRefused(send("POST", "/prompts", Map.of("content", "p\0", "project", "demo")), "content");
        assertRefused(send("POST", "/prompts", Map.of("content", "p", "project", "demo", "session_id", KEY_TOO_LONG)), "session_id");

        assertThat(everything()).isEqualTo(before);
        assertThat(send("GET", "/health", Map.of()).statusCode()).isEqualTo(200);
    }
}
