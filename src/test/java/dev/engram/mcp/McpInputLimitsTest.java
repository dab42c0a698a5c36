package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.SqliteMemoryStore;
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

/**
 * Contract 8.5, "sane values only", through the MCP tools (in process, through the same call path as
 * stdio): an error result naming the argument, and nothing stored.
 */
class McpInputLimitsTest {
    private static final String KEY_TOO_LONG = "k".repeat(257);

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
    }

    @AfterEach
    void close() {
        store.close();
    }

    private CallToolResult call(String name, Map<String, Object> args) {
        Tool tool = tools.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        return server.call(tool, args);
    }

    private void assertRefused(CallToolResult r, String argument) {
        assertThat(r.isError()).isTrue();
        assertThat(((TextContent) r.content().getFirst()).text()).startsWith(argument + " ")
                .satisfiesAnyOf(t -> assertThat(t).contains("at most"), t -> assertThat(t).contains("NUL"));
    }

    private String everything() {
        return store.stats().sessions() + "/" + store.stats().observations() + "/" + store.stats().prompts() + "/"
                + store.get(1).title() + "/" + store.get(1).topicKey() + "/" + store.getSession("s1").summary();
    }

    @Test
    void everyWritingToolRefusesOutOfRangeValuesNamingTheArgument() {
        assertThat(call("mem_session_start", Map.of("id", "s1")).isError()).isFalse();
        assertThat(call("mem_save", Map.of("title", "t", "content", "c", "session_id", "s1")).isError()).isFalse();
        String before = everything();

        assertRefused(call("mem_save", Map.of("title", "t", "content", "c", "session_id", "s".repeat(300))), "session_id");
        assertRefused(call("mem_save", Map.of("title", "t", "content", "c", "topic_key", KEY_TOO_LONG)), "topic_key");
        assertRefused(call("mem_save", Map.of("title", "t", "content", "c\0")), "content");
        assertRefused(call("mem_save", Map.of("title", "t", "content", "c", "project", KEY_TOO_LONG)), "project");
        assertRefused(call("mem_update", Map.of("id", 1, "topic_key", KEY_TOO_LONG)), "topic_key");
        assertRefused(call("mem_update", Map.of("id", 1, "title", "t".repeat(1_001))), "title");
        assertRefused(call("mem_session_start", Map.of("id", "s".repeat(300))), "id");
        assertRefused(call("mem_session_start", Map.of("id", "s2", "directory", "/\0")), "directory");
        assertRefused(call("mem_session_end", Map.of("id", "s1", "summary", "done\0")), "summary");
        assertRefused(call("mem_session_summary", Map.of("content", "did things", "session_id", "s".repeat(300))), "session_id");
        assertRefused(call("mem_save_prompt", Map.of("content", "p", "session_id", KEY_TOO_LONG)), "session_id");
        assertRefused(call("mem_save_prompt", Map.of("content", "\0")), "content");

        assertThat(everything()).isEqualTo(before);
    }
}
