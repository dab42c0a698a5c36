package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.Recall;
import dev.engram.semantic.SemanticIndex;
import dev.engram.testing.HashingEmbedder;
import dev.engram.view.SyncStatusSource;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mem_search {mode}} works while the index builds (and says so), and {@code mem_stats} shows coverage. */
class McpSearchModeTest {
    @TempDir
    Path dir;
    SqliteMemoryStore store;
    SemanticIndex index;
    StdioMcpServer server;
    MemoryTools tools;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.open(dir);
        HashingEmbedder model = new HashingEmbedder(HashingEmbedder.SPEC);
        index = new SemanticIndex(store, HashingEmbedder.SPEC, () -> model);
        McpBackend backend = new McpBackend(store, SyncStatusSource.notConfigured(store), new Recall(store, index));
        server = new StdioMcpServer(CompletableFuture.completedFuture(backend), ToolProfile.ALL, "demo", "test");
        tools = new MemoryTools(() -> backend, "demo");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private CallToolResult call(String name, Map<String, Object> args) {
        Tool tool = tools.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        return server.call(tool, args);
    }

    private static JsonNode json(CallToolResult r) {
        assertThat(r.isError()).as(((TextContent) r.content().getFirst()).text()).isFalse();
        return JsonMapper.builder().build().readTree(((TextContent) r.content().getFirst()).text());
    }

    @Test
    void searchWorksWhileTheIndexBuildsAndSaysWhichModeRan() {
        store.save(NewObservation.of("demo", "Connection pool removed", "HikariCP pooling dropped: one writer"));
        JsonNode early = json(call("mem_search", Map.of("query", "hikaricp", "mode", "hybrid")));
        assertThat(early.get("mode").stringValue()).isEqualTo("keyword");
        assertThat(early.get("note").stringValue()).contains("still loading");
        assertThat(early.get("results")).hasSize(1);

        index.loadModel();
        index.scanAll();
        index.indexQueued(10);
        JsonNode ready = json(call("mem_search", Map.of("query", "poolside writable", "mode", "semantic")));
        assertThat(ready.get("mode").stringValue()).isEqualTo("semantic");
        assertThat(ready.get("results").get(0).get("title").stringValue()).isEqualTo("Connection pool removed");
        assertThat(json(call("mem_stats", Map.of())).get("index").get("indexed").intValue()).isEqualTo(1);
    }

    @Test
    void aBadModeIsAnErrorResultNamingIt() {
        CallToolResult r = call("mem_search", Map.of("query", "x", "mode", "vector"));
        assertThat(r.isError()).isTrue();
        assertThat(((TextContent) r.content().getFirst()).text()).startsWith("mode ");
    }
}
