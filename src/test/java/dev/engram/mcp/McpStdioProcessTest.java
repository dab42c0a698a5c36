package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code engram mcp} as a raw process: stdout purity at debug level, and a clean exit on end of input. */
class McpStdioProcessTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Run(int exit, List<String> stdout, String stderr) {
    }

    private Run run(List<String> requests, String... engramArgs) throws IOException, InterruptedException {
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(EngramLauncher.command(dir.resolve("data"), engramArgs))
                .redirectError(err.toFile())
                .start();
        try (OutputStream in = p.getOutputStream()) {
            for (String r : requests) {
                in.write((r + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } // closing stdin: the server must answer what it got, then exit
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        }
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("engram mcp exits after stdin closes").isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private static String init() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    }

    private static String call(int id, String tool, String args) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + args + "}}";
    }

    @Test
    void everyStdoutLineIsJsonRpcAtDebugLevelAndTheProcessExitsCleanlyOnEof() throws Exception {
        List<String> requests = List.of(
                init(),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                call(3, "mem_save", "{\"title\":\"t\",\"content\":\"hello <private>pw</private>\",\"project\":\"p\"}"),
                call(4, "mem_search", "{\"query\":\"hello\"}"),
                "this line is not JSON-RPC",
                call(5, "mem_get_observation", "{\"id\":\"nope\"}"),
                call(6, "no_such_tool", "{}"),
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"no/such/method\"}",
                call(8, "mem_stats", "{}"));
        Run run = run(requests, "--log-level", "debug", "mcp");

        assertThat(run.exit()).isZero();
        assertThat(run.stderr()).contains("DEBUG mcp: tool called").doesNotContain("pw</private>");
        assertThat(run.stdout()).isNotEmpty();
        List<Integer> ids = new ArrayList<>();
        String searchAnswer = "";
        boolean parseError = false;
        for (String line : run.stdout()) {
            JsonNode msg = JSON.readTree(line); // throws if any line is not JSON
            assertThat(msg.get("jsonrpc").asString()).as(line).isEqualTo("2.0");
            assertThat(msg.has("result") || msg.has("error") || msg.has("method")).as(line).isTrue();
            if (msg.path("error").path("code").asInt() == -32700) {
                parseError = true; // the malformed line is answered, and the server reads on
            } else if (msg.has("id")) {
                ids.add(msg.get("id").asInt());
                if (msg.get("id").asInt() == 4) {
                    searchAnswer = line;
                }
            }
        }
        assertThat(ids).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(parseError).isTrue();
        // calls apply in the order they were sent: the search sees the save before it
        assertThat(searchAnswer).contains("[REDACTED]");
    }

    @Test
    void exitsWithZeroWhenStdinClosesBeforeAnything() throws Exception {
        Run run = run(List.of(), "mcp");
        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeOpenedStopsTheServerWithExitOne() throws Exception {
        Files.writeString(dir.resolve("data"), "not a directory");
        Process p = new ProcessBuilder(EngramLauncher.command(dir.resolve("data"), "mcp"))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        // stdin stays open: the failure alone must stop the server
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("data");
        assertThat(p.getInputStream().readAllBytes()).isEmpty();
        p.getOutputStream().close();
    }

    @Test
    void aBadToolsProfileIsAUsageError() throws Exception {
        Run run = run(List.of(), "mcp", "--tools", "everything");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--tools");
        assertThat(run.stdout()).isEmpty();
    }
}
