package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code engram mcp} and the client's MCP roots, with the official SDK client (which offers roots):
 * the project is resolved from the first {@code file://} root at initialization and again when the
 * client says its roots changed; {@code mem_save} needs no {@code project}; {@code initialize} carries
 * the memory instructions.
 */
class McpRootsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void noProjectInTheEnvironment() {
        assumeTrue(System.getenv("ENGRAM_PROJECT") == null, "ENGRAM_PROJECT is set for this test run: it would beat every root");
    }

    private Path projectDir(String name, String project) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name).resolve(".engram"));
        Files.writeString(p.resolve("config.json"), "{\"project\": \"" + project + "\"}");
        return p.getParent();
    }

    private McpSyncClient client(List<McpSchema.Root> roots, String... mcpArgs) {
        String[] args = new String[mcpArgs.length + 1];
        args[0] = "mcp";
        System.arraycopy(mcpArgs, 0, args, 1, mcpArgs.length);
        ServerParameters params = ServerParameters.builder(EngramLauncher.java()).args(EngramLauncher.args(dir.resolve("data"), args)).build();
        var transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        transport.setStdErrorHandler(line -> { });
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60));
        if (roots != null) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().roots(true).build()).roots(roots);
        }
        McpSyncClient c = spec.build();
        c.initialize();
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(McpSyncClient c, String tool, Map<String, Object> args) {
        CallToolResult r = c.callTool(new CallToolRequest(tool, args));
        assertThat(r.isError()).as("%s: %s", tool, r.content()).isFalse();
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    void theFirstFileRootDecidesTheProjectAndAChangeOfRootsIsFollowed() throws IOException {
        Path first = projectDir("first", "Rooted-One");
        Path second = projectDir("second", "rooted-two");
        McpSchema.Root firstRoot = new McpSchema.Root(first.toUri().toString(), "first");
        try (McpSyncClient c = client(List.of(firstRoot))) {
            Map<String, Object> current = call(c, "mem_current_project", Map.of());
            assertThat(current).containsEntry("project", "rooted-one").containsEntry("rule", "config_file")
                    .containsEntry("directory_from", "roots").containsEntry("directory", first.toString());

            Map<String, Object> saved = call(c, "mem_save", Map.of("title", "Use WAL", "content", "no project given"));
            assertThat(saved).containsEntry("project", "rooted-one");

            c.removeRoot(firstRoot.uri());
            c.addRoot(new McpSchema.Root(second.toUri().toString(), "second"));
            c.rootsListChangedNotification();

            assertThat(call(c, "mem_current_project", Map.of())).containsEntry("project", "rooted-two");
            assertThat(call(c, "mem_save", Map.of("title", "t", "content", "after the change"))).containsEntry("project", "rooted-two");
            Map<String, Object> context = call(c, "mem_context", Map.of());
            assertThat(context).containsEntry("project", "rooted-two");
        }
    }

    @Test
    void withoutRootsTheWorkingDirectoryDecidesAndAnExplicitProjectBeatsRoots() throws IOException {
        try (McpSyncClient c = client(null)) {
            Map<String, Object> current = call(c, "mem_current_project", Map.of());
            assertThat(current).containsEntry("directory_from", "working_directory");
            assertThat((String) current.get("project")).isNotBlank();
            assertThat(call(c, "mem_save", Map.of("title", "t", "content", "c"))).containsEntry("project", current.get("project"));
        }
        Path rooted = projectDir("rooted", "from-root");
        try (McpSyncClient c = client(List.of(new McpSchema.Root(rooted.toUri().toString(), "r")), "--project", "Given")) {
            assertThat(call(c, "mem_current_project", Map.of())).containsEntry("project", "given").containsEntry("rule", "argument");
        }
    }

    @Test
    void rootsThatAreNotDirectoriesKeepTheCurrentProject() {
        List<McpSchema.Root> odd = List.of(new McpSchema.Root("https://example.com/repo", "web"),
                new McpSchema.Root(dir.resolve("missing").toUri().toString(), "gone"));
        try (McpSyncClient c = client(odd)) {
            assertThat(call(c, "mem_current_project", Map.of())).containsEntry("directory_from", "working_directory");
        }
    }

    @Test
    void initializeCarriesTheMemoryInstructionsFromTheResourceFile() throws IOException {
        String file;
        try (var in = McpRootsTest.class.getResourceAsStream("/engram/memory-instructions.md")) {
            file = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        assertThat(file.split("\\s+")).as("words of the instructions").hasSizeLessThanOrEqualTo(150);
        try (McpSyncClient c = client(null)) {
            assertThat(c.getServerInstructions()).isEqualTo(file).contains("mem_search").contains("mem_save").contains("topic_key")
                    .contains("<private>").containsIgnoringCase("secret");
        }
    }
}
