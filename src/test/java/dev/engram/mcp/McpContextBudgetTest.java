package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.view.SyncStatusSource;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code mem_context {max_bytes}} through the tools' call path: within budget, compact, or an error naming max_bytes. */
class McpContextBudgetTest {
    @TempDir
    Path dir;

    private SqliteMemoryStore store;
    private StdioMcpServer server;
    private MemoryTools tools;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.open(dir);
        McpBackend backend = new McpBackend(store, SyncStatusSource.notConfigured(store));
        server = new StdioMcpServer(CompletableFuture.completedFuture(backend), ToolProfile.ALL, "demo", "test");
        tools = new MemoryTools(() -> backend, "demo");
        for (int i = 0; i < 20; i++) {
            store.save(NewObservation.of("demo", "Memory " + i, "some content 🙂 " + i));
        }
        store.save(NewObservation.of("other", "Elsewhere", "not this project"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private CallToolResult call(Map<String, Object> args) {
        return server.call(tools.all().stream().filter(t -> t.name().equals("mem_context")).findFirst().orElseThrow(), args);
    }

    @Test
    void maxBytesGivesTheCompactTextWithinTheBudgetForTheCurrentProject() {
        for (int budget : new int[] {1, 50, 120, 700, 50_000}) {
            CallToolResult r = call(Map.of("max_bytes", budget));
            assertThat(r.isError()).isFalse();
            JsonNode n = (JsonNode) r.structuredContent();
            String text = n.get("text").asString();
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget);
            assertThat(n.get("project").asString()).isEqualTo("demo");
            assertThat(text).doesNotContain("Elsewhere");
        }
        assertThat(((JsonNode) call(Map.of("max_bytes", "50000")).structuredContent()).get("included").asInt()).isEqualTo(20);
    }

    @Test
    void badMaxBytesIsAnErrorResultNamingIt() {
        for (Object bad : new Object[] {0, -3, 2_000_000, "many", 1.5, Map.of()}) {
            CallToolResult r = call(Map.of("max_bytes", bad));
            assertThat(r.isError()).as(String.valueOf(bad)).isTrue();
            assertThat(((TextContent) r.content().getFirst()).text()).as(String.valueOf(bad)).startsWith("max_bytes ");
        }
        CallToolResult both = call(Map.of("max_bytes", 100, "limit", 3));
        assertThat(both.isError()).isTrue();
        assertThat(((TextContent) both.content().getFirst()).text()).contains("max_bytes");
    }
}
