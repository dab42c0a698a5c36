package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** A real {@code engram serve} process as the hub: the web UI at {@code /}, MCP at {@code /mcp} with the printed token, {@code --mcp-tools}. */
class ServeHubProcessTest {
    @TempDir
    Path dir;

    private Process run(String... args) throws Exception {
        return new ProcessBuilder(EngramLauncher.command(dir.resolve("data"), args)).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    @Test
    void serveIsTheHubForPeopleAndAgents() throws Exception {
        Process print = run("serve", "--print-token");
        assertThat(print.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String token = Files.readString(dir.resolve("out.txt")).strip();
        assertThat(token).hasSize(43);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process serve = run("serve", "--port", Integer.toString(port), "--mcp-tools", "agent");
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            var transport = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                    .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                    .customizeClient(b -> b.version(HttpClient.Version.HTTP_1_1))
                    .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                    .build();
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                client.initialize();
                List<String> tools = client.listTools().tools().stream().map(Tool::name).toList();
                assertThat(tools).isEqualTo(new StdioMcpServer(new java.util.concurrent.CompletableFuture<>(), ToolProfile.AGENT, (String) null, "x")
                        .toolNames()).doesNotContain("mem_delete", "mem_stats");
                assertThat(client.callTool(new CallToolRequest("mem_save", Map.of("title", "Saved by an agent through the hub",
                        "content", "over HTTP", "project", "hub"))).isError()).isFalse();
            }
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("<a href=\"/ui/memories?project=hub\">hub</a>");
            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);
        } finally {
            serve.destroy();
        }
        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("mcp http endpoint ready").doesNotContain(token);
    }

    @Test
    void aBadToolProfileIsAUsageError() throws Exception {
        Process serve = run("serve", "--port", "0", "--mcp-tools", "everything");
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("--mcp-tools must be agent, admin or all, was 'everything'");
    }
}
