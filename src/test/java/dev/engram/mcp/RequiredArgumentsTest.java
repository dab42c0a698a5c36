package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tool layer checks every required argument before a tool touches the store, and names all that are missing. */
class RequiredArgumentsTest {
    private final AtomicInteger storeCalls = new AtomicInteger();
    private final StdioMcpServer server = new StdioMcpServer(new CompletableFuture<>(), ToolProfile.ALL, (String) null, "test");

    private List<Tool> tools(String defaultProject) {
        return new MemoryTools(() -> {
            storeCalls.incrementAndGet();
            throw new IllegalStateException("the store must not be reached with bad arguments");
        }, defaultProject).all();
    }

    private static Tool named(List<Tool> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static String text(CallToolResult r) {
        return ((TextContent) r.content().getFirst()).text();
    }

    @Test
    void memSaveWithoutADefaultProjectStillNeedsOnlyTitleAndContentBecauseTheProjectIsResolved() {
        CallToolResult r = server.call(named(tools(null), "mem_save"), Map.of());

        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("title is required; content is required");
        assertThat(storeCalls).hasValue(0);
    }

    @Test
    void memSaveWithADefaultProjectNamesTitleAndContentOnly() {
        CallToolResult r = server.call(named(tools("demo"), "mem_save"), Map.of());

        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("title is required; content is required");
        assertThat(storeCalls).hasValue(0);
    }

    @Test
    void missingAndBlankRequiredArgumentsAreReportedTogether() {
        CallToolResult r = server.call(named(tools("demo"), "mem_save"), Map.of("title", "  "));

        assertThat(text(r)).isEqualTo("title must not be blank; content is required");
        assertThat(storeCalls).hasValue(0);
    }

    @Test
    void everyToolWithRequiredArgumentsNamesEachOfThemWhenCalledWithNone() {
        for (Tool tool : tools(null)) {
            Map<String, String> required = tool.schema().requiredArguments();
            if (required.isEmpty()) {
                continue;
            }
            CallToolResult r = server.call(tool, Map.of());
            assertThat(r.isError()).as(tool.name()).isTrue();
            for (String name : required.keySet()) {
                assertThat(text(r)).as(tool.name()).contains(name + " is required");
            }
        }
        assertThat(storeCalls).hasValue(0);
    }

    @Test
    void everyUnknownArgumentIsNamed() {
        CallToolResult r = server.call(named(tools("demo"), "mem_search"), Map.of("query", "x", "limt", 3, "projct", "a"));

        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("'limt'", "'projct'");
        assertThat(storeCalls).hasValue(0);
    }
}
