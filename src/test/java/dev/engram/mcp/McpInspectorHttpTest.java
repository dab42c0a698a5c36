package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.api.LocalApi;
import dev.engram.api.ServeToken;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /mcp} of the local API driven by the MCP Inspector CLI in HTTP mode ({@code --transport http}
 * with an {@code Authorization} header). Like {@link McpInspectorTest}: skipped only when
 * {@code ENGRAM_TEST_MCP_INSPECTOR} is unset.
 */
class McpInspectorHttpTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path inspector;
    private SqliteMemoryStore store;
    private HttpMcpServer mcp;
    private LocalApi api;
    private String url;
    private String token;

    @BeforeEach
    void start() {
        String home = System.getenv(McpInspectorTest.ENV);
        Assumptions.assumeTrue(home != null && !home.isBlank(), McpInspectorTest.ENV + " is not set");
        inspector = Path.of(home, "node_modules", ".bin", "mcp-inspector");
        assertThat(inspector).as(McpInspectorTest.ENV + " is set, so the inspector must be installed there").isExecutable();
        store = SqliteMemoryStore.open(dir.resolve("data"));
        token = ServeToken.in(dir.resolve("data")).readOrCreate();
        SyncStatusSource status = SyncStatusSource.notConfigured(store);
        mcp = new HttpMcpServer(new McpBackend(store, status), ToolProfile.AGENT, "test", (int) LocalApi.MAX_BODY_BYTES);
        api = new LocalApi(store, status, LocalMetrics.create(store), "test").withTokenServlet(HttpMcpServer.PATH, mcp.servlet());
        url = "http://127.0.0.1:" + api.start("127.0.0.1", 0) + HttpMcpServer.PATH;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            mcp.close();
            api.close();
            store.close();
        }
    }

    record Result(int exit, JsonNode json, String raw) {
    }

    private Result inspect(String bearer, String... methodArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(inspector.toString(), "--cli", url, "--transport", "http",
                "--header", "Authorization: Bearer " + bearer));
        cmd.addAll(List.of(methodArgs));
        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("inspector finished").isTrue();
        String raw = Files.readString(out);
        JsonNode json;
        try {
            json = raw.isBlank() ? null : JSON.readTree(raw);
        } catch (RuntimeException e) {
            json = null;
        }
        return new Result(p.exitValue(), json, raw + Files.readString(err));
    }

    @Test
    void theInspectorListsAndCallsToolsOverHttpWithTheToken() throws Exception {
        Result list = inspect(token, "--method", "tools/list");
        assertThat(list.exit()).as(list.raw()).isZero();
        List<String> names = new ArrayList<>();
        list.json().get("tools").forEach(t -> names.add(t.get("name").asString()));
        assertThat(names).isEqualTo(new StdioMcpServer(new java.util.concurrent.CompletableFuture<>(), ToolProfile.AGENT, (String) null, "x")
                .toolNames()).contains("mem_save", "mem_search").doesNotContain("mem_delete", "mem_stats");

        Result saved = inspect(token, "--method", "tools/call", "--tool-name", "mem_save", "--tool-arg", "title=Inspector over HTTP",
                "--tool-arg", "content=a foreign client on the hub", "--tool-arg", "project=inspected");
        assertThat(saved.exit()).as(saved.raw()).isZero();
        assertThat(saved.json().path("isError").asBoolean(false)).as(saved.raw()).isFalse();
        assertThat(store.stats().observations()).isEqualTo(1);

        Result found = inspect(token, "--method", "tools/call", "--tool-name", "mem_search", "--tool-arg", "query=foreign client");
        assertThat(found.json().get("content").get(0).get("text").asString()).contains("Inspector over HTTP");
    }

    @Test
    void theInspectorWithAWrongTokenIsTurnedAway() throws Exception {
        Result refused = inspect("not-the-token", "--method", "tools/list");
        assertThat(refused.exit()).as(refused.raw()).isNotZero();
        assertThat(refused.raw()).containsAnyOf("401", "auth_required"); // the 401 sends it looking for OAuth, which it cannot do here
        assertThat(store.stats().observations()).isZero();
    }
}
