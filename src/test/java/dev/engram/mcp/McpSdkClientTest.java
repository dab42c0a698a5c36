package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code engram mcp} in a subprocess, driven by the official SDK's client over stdio. */
class McpSdkClientTest {
    @TempDir
    Path dir;

    private McpSyncClient client(String... mcpArgs) {
        String[] args = new String[mcpArgs.length + 1];
        args[0] = "mcp";
        System.arraycopy(mcpArgs, 0, args, 1, mcpArgs.length);
        ServerParameters params = ServerParameters.builder(EngramLauncher.java())
                .args(EngramLauncher.args(dir, args))
                .build();
        var transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        transport.setStdErrorHandler(line -> { });
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
        return client;
    }

    private static CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new CallToolRequest(tool, args));
    }

    private static String text(CallToolResult r) {
        return ((TextContent) r.content().getFirst()).text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    void initializesListsToolsSavesSearchesAndSurvivesBadCalls() {
        try (McpSyncClient c = client()) {
            assertThat(c.getServerInfo().name()).isEqualTo("engram");

            List<McpSchema.Tool> tools = c.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("mem_save", "mem_search", "mem_context",
                    "mem_get_observation", "mem_update", "mem_delete", "mem_timeline", "mem_stats", "mem_suggest_topic_key",
                    "mem_session_start", "mem_session_end", "mem_session_summary", "mem_save_prompt", "mem_sync_status",
                    "mem_current_project");
            McpSchema.Tool save = tools.getFirst();
            assertThat(save.inputSchema()).containsEntry("type", "object").containsEntry("required", List.of("title", "content"));
            assertThat(((Map<?, ?>) save.inputSchema().get("properties")).keySet().stream().map(String::valueOf).toList())
                    .containsExactlyInAnyOrder("title", "content", "type", "session_id", "project", "scope", "topic_key");
            for (McpSchema.Tool tool : tools) {
                assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object").containsKey("properties");
                assertThat(tool.description()).as(tool.name()).isNotBlank();
            }

            CallToolResult saved = call(c, "mem_save", Map.of("title", "Use WAL mode", "content", "readers never block writers", "project", "demo"));
            assertThat(saved.isError()).isFalse();
            assertThat(structured(saved)).containsEntry("action", "created").containsEntry("project", "demo");
            Number id = (Number) structured(saved).get("id");

            CallToolResult found = call(c, "mem_search", Map.of("query", "readers block"));
            assertThat(found.isError()).isFalse();
            assertThat(text(found)).contains("Use WAL mode");

            CallToolResult bad = call(c, "mem_get_observation", Map.of("id", "abc"));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).contains("id must be an integer");

            CallToolResult blank = call(c, "mem_save", Map.of("title", " ", "content", "x", "project", "demo"));
            assertThat(blank.isError()).isTrue();
            assertThat(text(blank)).contains("title");

            CallToolResult unknown = call(c, "mem_search", Map.of("query", "x", "limt", 3));
            assertThat(unknown.isError()).isTrue();
            assertThat(text(unknown)).contains("limt");

            CallToolResult missing = call(c, "mem_get_observation", Map.of("id", 99999));
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).contains("not found");

            // still serving after every error
            CallToolResult again = call(c, "mem_get_observation", Map.of("id", id));
            assertThat(again.isError()).isFalse();
            assertThat(structured(again)).containsEntry("title", "Use WAL mode");

            CallToolResult status = call(c, "mem_sync_status", Map.of());
            assertThat(structured(status)).containsEntry("phase", "disabled").containsEntry("reason_code", "not_configured");

            CallToolResult key = call(c, "mem_suggest_topic_key", Map.of("type", "decision", "title", "Use WAL mode!"));
            assertThat(structured(key)).containsEntry("topic_key", "decision/use-wal-mode");
        }
    }

    @Test
    void everyToolWorksOnceWithGoodArguments() {
        try (McpSyncClient c = client("--project", "My__App")) {
            assertThat(call(c, "mem_session_start", Map.of("id", "s-1", "directory", "/src")).isError()).isFalse();
            CallToolResult saved = call(c, "mem_save", Map.of("title", "t1", "content", "alpha", "session_id", "s-1"));
            assertThat(structured(saved)).containsEntry("project", "my_app");
            long id = ((Number) structured(saved).get("id")).longValue();
            call(c, "mem_save", Map.of("title", "t2", "content", "beta", "session_id", "s-1"));
            assertThat(call(c, "mem_update", Map.of("id", id, "content", "alpha two")).isError()).isFalse();
            assertThat(text(call(c, "mem_timeline", Map.of("observation_id", id, "after", 3)))).contains("t2");
            assertThat(text(call(c, "mem_context", Map.of("limit", 5)))).contains("alpha two");
            assertThat(call(c, "mem_save_prompt", Map.of("content", "make it fast", "session_id", "s-1")).isError()).isFalse();
            assertThat(structured(call(c, "mem_session_summary", Map.of("content", "did things", "session_id", "s-1"))))
                    .containsEntry("type", "session_summary");
            assertThat(structured(call(c, "mem_session_end", Map.of("id", "s-1", "summary", "done")))).containsEntry("summary", "done");
            assertThat(text(call(c, "mem_stats", Map.of("project", "my_app")))).contains("\"observations\":3");
            assertThat(structured(call(c, "mem_delete", Map.of("id", id, "hard_delete", true)))).containsEntry("hard_delete", true);
            assertThat(call(c, "mem_get_observation", Map.of("id", id)).isError()).isTrue();
        }
    }

    @Test
    void toolProfilesChooseTheTools() {
        try (McpSyncClient agent = client("--tools", "agent")) {
            assertThat(agent.listTools().tools()).extracting(McpSchema.Tool::name)
                    .hasSize(13).contains("mem_current_project").doesNotContain("mem_delete", "mem_stats");
        }
        try (McpSyncClient admin = client("--tools", "admin")) {
            assertThat(admin.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("mem_delete", "mem_stats");
        }
    }

    @Test
    void withoutProjectDefaultSavingUsesTheResolvedProject() {
        try (McpSyncClient c = client()) {
            String current = (String) structured(call(c, "mem_current_project", Map.of())).get("project");
            CallToolResult r = call(c, "mem_save", Map.of("title", "t", "content", "c"));
            assertThat(r.isError()).isFalse();
            assertThat(structured(r)).containsEntry("project", current);
        }
    }
}
