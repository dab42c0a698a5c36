package dev.engram.app;

import dev.engram.mcp.McpBackend;
import dev.engram.mcp.StdioMcpServer;
import dev.engram.mcp.ToolProfile;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.view.SyncStatusSource;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The workload the launcher records its JDK 25 AOT cache from, against a throw-away data directory:
 * a short MCP session (what an agent does when it starts {@code engram mcp}) and the one-shot
 * commands people run most. The caller discards all output.
 */
public final class AotTraining {
    private AotTraining() {
    }

    /** {@code AotTraining DIR [cli|mcp]}: the one-shot commands, an MCP session, or (default) both. */
    public static void main(String[] args) throws Exception {
        String dir = args[0];
        String mode = args.length > 1 ? args[1] : "all";
        if (!mode.equals("cli")) {
            mcpSession(Path.of(dir));
        }
        if (mode.equals("mcp")) {
            return;
        }
        Main.run("--data-dir", dir, "save", "Use WAL", "Readers never block writers", "--project", "training", "--type", "decision");
        Main.run("--data-dir", dir, "save", "Second", "Another observation for training", "--project", "training", "--json");
        for (int i = 0; i < 3; i++) {
            Main.run("--data-dir", dir, "search", "wal readers");
            Main.run("--data-dir", dir, "search", "observation", "--json");
        }
        Main.run("--data-dir", dir, "get", "1");
        Main.run("--data-dir", dir, "context", "training");
        Main.run("--data-dir", dir, "stats");
        Main.run("--data-dir", dir, "sync", "status");
        Main.run("--version");
        // End as the launcher's processes do: System.exit initialises the JDK's platform logging
        // (Runtime.exit logs through System.Logger), whose classes then come from the cache too.
        System.exit(0);
    }

    private static void mcpSession(Path dir) throws InterruptedException {
        String session = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"aot-training\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"mem_save\",\"arguments\":"
                        + "{\"title\":\"Training\",\"content\":\"An MCP save for the AOT cache\",\"project\":\"training\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"mem_search\",\"arguments\":{\"query\":\"mcp save\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"mem_context\",\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"mem_sync_status\",\"arguments\":{}}}",
                "");
        SqliteMemoryStore store = SqliteMemoryStore.open(dir);
        try {
            CompletableFuture<McpBackend> backend = CompletableFuture.completedFuture(
                    new McpBackend(store, SyncStatusSource.notConfigured(store)));
            new StdioMcpServer(backend, ToolProfile.ALL, null, "training")
                    .serve(new ByteArrayInputStream(session.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream());
        } finally {
            store.close();
        }
    }
}
