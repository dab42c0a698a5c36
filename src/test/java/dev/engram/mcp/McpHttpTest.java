package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.api.LocalApi;
import dev.engram.api.ServeToken;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP over Streamable HTTP at {@code /mcp} of the local API, driven by the official SDK's HTTP client:
 * the same tools and instructions as stdio, the token required even on loopback, and several agents
 * writing through one server at once.
 */
class McpHttpTest {
    @TempDir
    Path dir;

    private SqliteMemoryStore store;
    private HttpMcpServer mcp;
    private LocalApi api;
    private String base;
    private String token;

    @BeforeEach
    void start() {
        store = SqliteMemoryStore.open(dir.resolve("data"));
        token = ServeToken.in(dir.resolve("data")).readOrCreate();
        SyncStatusSource status = SyncStatusSource.notConfigured(store);
        mcp = new HttpMcpServer(new McpBackend(store, status), ToolProfile.ALL, "test", (int) LocalApi.MAX_BODY_BYTES);
        api = new LocalApi(store, status, LocalMetrics.create(store), "test").withTokenServlet(HttpMcpServer.PATH, mcp.servlet());
        base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        mcp.close();
        api.close();
        store.close();
    }

    private McpSyncClient client(String bearer) {
        var transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(HttpMcpServer.PATH)
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .customizeClient(b -> b.version(HttpClient.Version.HTTP_1_1))
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + bearer))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    private static CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new CallToolRequest(tool, args));
    }

    private static String text(CallToolResult r) {
        return ((TextContent) r.content().getFirst()).text();
    }

    @Test
    void servesTheSameToolsAndInstructionsAsStdio() {
        try (McpSyncClient c = client(token)) {
            assertThat(c.getServerInfo().name()).isEqualTo("engram");
            assertThat(c.getServerInstructions()).isEqualTo(StdioMcpServer.INSTRUCTIONS);
            List<String> names = c.listTools().tools().stream().map(Tool::name).toList();
            assertThat(names).isEqualTo(new StdioMcpServer(new java.util.concurrent.CompletableFuture<>(), ToolProfile.ALL, (String) null, "x")
                    .toolNames());

            CallToolResult saved = call(c, "mem_save", Map.of("title", "Served over HTTP", "content", "one process, many agents",
                    "project", "hub"));
            assertThat(saved.isError()).as(text(saved)).isFalse();
            assertThat(text(call(c, "mem_search", Map.of("query", "many agents")))).contains("Served over HTTP");
            assertThat(store.stats().observations()).isEqualTo(1);

            // Bad arguments are an error result naming the argument; the session goes on.
            CallToolResult bad = call(c, "mem_save", Map.of("title", "x", "content", "y"));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).contains("project");
            assertThat(call(c, "mem_stats", Map.of()).isError()).isFalse();
        }
    }

    @Test
    void aMissingOrWrongTokenGets401AndReachesNoTool() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + token + "x", "Basic " + token, "Bearer"}) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/mcp")).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(initialize));
            if (authorization != null) {
                r.header("Authorization", authorization);
            }
            HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"engram\"");
            assertThat(res.headers().firstValue("Mcp-Session-Id")).isEmpty();
            assertThat(res.body()).contains("\"code\":\"unauthorized\"").doesNotContain(token);
        }
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> client("wrong-token")).isInstanceOf(RuntimeException.class);
        // The rest of the API stays as it was: loopback needs no token there.
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserPageCannotReachMcpEvenWithTheToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp")).header("Authorization", "Bearer " + token)
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(403);
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(415);
    }

    @Test
    void twoAgentsWritingAtOnceThroughOneServerLoseNothing() throws Exception {
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch ready = new CountDownLatch(2);
        try (McpSyncClient a = client(token); McpSyncClient b = client(token)) {
            List<Future<List<Boolean>>> runs = new ArrayList<>();
            for (var agent : List.of(Map.entry("agent-a", a), Map.entry("agent-b", b))) {
                runs.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    List<Boolean> errors = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        errors.add(call(agent.getValue(), "mem_save", Map.of("title", agent.getKey() + " note " + i,
                                "content", "written concurrently " + i, "project", agent.getKey())).isError());
                    }
                    return errors;
                }));
            }
            for (Future<List<Boolean>> run : runs) {
                assertThat(run.get()).hasSize(each).containsOnly(false);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.stats().observations()).isEqualTo(2L * each);
        assertThat(store.stats().byProjectAndType()).extracting(p -> p.project() + "=" + p.count())
                .containsExactlyInAnyOrder("agent-a=" + each, "agent-b=" + each);
    }
}
