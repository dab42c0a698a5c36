package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code engram mcp} driven by a client nobody here wrote: the MCP Inspector CLI from npm.
 * {@code .ci/run} installs it and sets {@code ENGRAM_TEST_MCP_INSPECTOR} to its directory; when that
 * variable is set the test must pass, when it is not the test is skipped with a message.
 */
class McpInspectorTest {
    static final String ENV = "ENGRAM_TEST_MCP_INSPECTOR";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path inspector;

    @BeforeEach
    void findInspector() {
        String home = System.getenv(ENV);
        Assumptions.assumeTrue(home != null && !home.isBlank(),
                ENV + " is not set: install @modelcontextprotocol/inspector (see .ci/run) to run this test");
        inspector = Path.of(home, "node_modules", ".bin", "mcp-inspector");
        assertThat(inspector).as(ENV + " is set, so the inspector must be installed there").isExecutable();
    }

    record Result(int exit, JsonNode json, String raw) {
    }

    private Result inspect(String... methodArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(inspector.toString(), "--cli"));
        cmd.addAll(EngramLauncher.command(dir.resolve("data"), "mcp", "--project", "inspected"));
        cmd.addAll(List.of(methodArgs));
        Path out = dir.resolve("out.json");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("inspector finished").isTrue();
        String raw = Files.readString(out);
        JsonNode json = raw.isBlank() ? null : JSON.readTree(raw);
        return new Result(p.exitValue(), json, raw + Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void inspectorListsCallsAndSeesErrorResults() throws Exception {
        Result list = inspect("--method", "tools/list");
        assertThat(list.exit()).as(list.raw()).isZero();
        List<String> names = new ArrayList<>();
        list.json().get("tools").forEach(t -> names.add(t.get("name").asString()));
        assertThat(names).hasSize(15).contains("mem_save", "mem_search", "mem_sync_status", "mem_current_project");

        Result saved = inspect("--method", "tools/call", "--tool-name", "mem_save",
                "--tool-arg", "title=Inspector was here", "--tool-arg", "content=saved through a foreign client");
        assertThat(saved.exit()).as(saved.raw()).isZero();
        assertThat(saved.json().path("isError").asBoolean(false)).isFalse();
        assertThat(saved.raw()).contains("inspected");

        Result found = inspect("--method", "tools/call", "--tool-name", "mem_search", "--tool-arg", "query=foreign client");
        assertThat(found.exit()).as(found.raw()).isZero();
        assertThat(found.json().get("content").get(0).get("text").asString()).contains("Inspector was here");

        Result bad = inspect("--method", "tools/call", "--tool-name", "mem_save", "--tool-arg", "title= ", "--tool-arg", "content=x");
        assertThat(bad.json().get("isError").asBoolean()).as(bad.raw()).isTrue();
        assertThat(bad.json().get("content").get(0).get("text").asString()).contains("title");
    }
}
