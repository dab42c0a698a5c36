package dev.engram.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.LocalMetrics;
import dev.engram.semantic.Recall;
import dev.engram.semantic.SemanticIndex;
import dev.engram.testing.HashingEmbedder;
import dev.engram.view.SyncStatusSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /search?mode=} and the index coverage of {@code GET /stats} (contract 11), over a fake model. */
class SearchModesApiTest {
    @TempDir
    Path dir;
    SqliteMemoryStore store;
    SemanticIndex index;
    LocalApi api;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base;

    @BeforeEach
    void start() {
        store = SqliteMemoryStore.open(dir);
        HashingEmbedder model = new HashingEmbedder(HashingEmbedder.SPEC);
        index = new SemanticIndex(store, HashingEmbedder.SPEC, () -> model);
        api = new LocalApi(store, SyncStatusSource.notConfigured(store), LocalMetrics.create(store), "t", new Recall(store, index));
        base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
        http.close();
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JsonMapper.builder().build().readTree(r.body());
    }

    @Test
    void searchSaysWhichModeRanAndHowReadyTheIndexWas() throws Exception {
        store.save(NewObservation.of("demo", "Connection pool removed", "HikariCP pooling dropped: one writer"));
        JsonNode building = get("/search?q=pooling&mode=semantic", 200);
        assertThat(building.get("mode").stringValue()).isEqualTo("keyword");
        assertThat(building.get("requested_mode").stringValue()).isEqualTo("semantic");
        assertThat(building.get("index").get("state").stringValue()).isEqualTo("loading_model");
        assertThat(building.get("note").stringValue()).contains("instead of semantic");
        assertThat(building.get("results")).hasSize(1);

        index.loadModel();
        index.scanAll();
        index.indexQueued(10);
        JsonNode ready = get("/search?q=poolside+writable", 200);
        assertThat(ready.get("mode").stringValue()).isEqualTo("hybrid");
        assertThat(ready.get("requested_mode").isNull()).isTrue();
        assertThat(ready.get("index").get("ready_fraction").doubleValue()).isEqualTo(1.0);
        assertThat(ready.get("results").get(0).get("title").stringValue()).isEqualTo("Connection pool removed");
        assertThat(ready.get("results").get(0).get("snippet").stringValue()).isNotBlank();
        assertThat(get("/search?q=pooling&mode=KEYWORD", 200).get("mode").stringValue()).isEqualTo("keyword");

        JsonNode stats = get("/stats", 200);
        assertThat(stats.get("observations").intValue()).isEqualTo(1);
        assertThat(stats.get("index").get("indexed").intValue()).isEqualTo(1);
        assertThat(stats.get("index").get("state").stringValue()).isEqualTo("ready");
    }

    @Test
    void aBadModeIsA400NamingIt() throws Exception {
        JsonNode error = get("/search?q=x&mode=vector", 400);
        assertThat(error.get("error").stringValue()).contains("mode must be keyword, semantic or hybrid");
    }
}
