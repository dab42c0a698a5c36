package dev.engram.app;

import dev.engram.api.LocalApi;
import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import dev.engram.logging.LazyLogbackProvider;
import dev.engram.mcp.McpBackend;
import dev.engram.mcp.StdioMcpServer;
import dev.engram.mcp.ToolProfile;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.project.ProjectResolver;
import dev.engram.semantic.OrtGate;
import dev.engram.metrics.LocalMetrics;
import dev.engram.protocol.SyncProtocol;
import dev.engram.view.SyncStatusSource;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The workload the launcher records its JDK 25 AOT cache from, against a throw-away data directory:
 * a short MCP session (what an agent does when it starts {@code engram mcp}) and the one-shot
 * commands people run most. The caller discards all output.
 */
public final class AotTraining {
    private AotTraining() {
    }

    /**
     * {@code AotTraining DIR [quick|cli|mcp|all|servers]}: the session-start commands ({@link #quick}), the one-shot
     * commands, an MCP session, or (default) both; {@code servers} starts the local HTTP API and the cloud server on free loopback ports and
     * sends each one request, for a second cache that {@code serve} and {@code cloud serve} start from
     * (a cache's classes are all loaded when the JVM starts, so one-shot commands keep a cache without them).
     */
    public static void main(String[] args) throws Exception {
        LazyLogbackProvider.install(); // as Main does: the cache holds the classes the executable uses
        String dir = args[0];
        String mode = args.length > 1 ? args[1] : "all";
        if (mode.equals("servers")) {
            servers(Path.of(dir));
            System.exit(0);
        }
        if (mode.equals("quick")) {
            quick(Path.of(dir));
            System.exit(0);
        }
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

    /**
     * The commands agents and their hooks run most, {@code search} and {@code hook session-start}, for a cache of
     * their own: every class of a cache loads when the JVM starts, and these two need no MCP, no HTTP client and
     * no command built from annotations, no Jackson databind ({@code search --json} loads it from the jar: each
     * MB of cache costs about 1 ms of every start). The store is filled through its API.
     */
    private static void quick(Path dir) throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        String project = ProjectResolver.fromEnvironment().resolve(null, work).project();
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir)) {
            store.save(new NewObservation(null, "decision", "Use WAL", "Readers never block writers in WAL mode", "training",
                    project, null, null));
            store.save(new NewObservation(null, "bugfix", "Fixed the lease", "The sync lease expired too early", "training",
                    project, null, null));
        }
        String d = dir.toString();
        for (int i = 0; i < 3; i++) {
            Main.run("--data-dir", d, "search", "wal readers");
            Main.run("--data-dir", d, "search", "lease", "--limit", "5");
            String hook = "{\"session_id\":\"training-" + i + "\",\"cwd\":" + quoted(work.toString()) + ",\"hook_event_name\":\"SessionStart\"}";
            System.setIn(new ByteArrayInputStream(hook.getBytes(StandardCharsets.UTF_8)));
            Main.run("--data-dir", d, "hook", "session-start");
        }
        Main.run("--data-dir", d, "search", "nothing-matches-this");
        OrtGate.closeAndWait(); // Main's last step before it exits: its class comes from the cache too
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void servers(Path dir) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir)) {
            LocalApi api = new LocalApi(store, SyncStatusSource.notConfigured(store), LocalMetrics.create(store), "training");
            int port = api.start("127.0.0.1", 0);
            try {
                get(http, port, "/health");
                get(http, port, "/search?q=wal");
            } finally {
                api.close();
            }
        }
        CloudServer cloud = CloudServer.start(CloudServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("training-cloud.db").toString())).withVersion("training"));
        try {
            get(http, cloud.port(), SyncProtocol.HEALTH_PATH);
        } finally {
            cloud.close();
        }
    }

    private static void get(HttpClient http, int port, String path) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
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
            new StdioMcpServer(backend, ToolProfile.ALL, (String) null, "training")
                    .serve(new ByteArrayInputStream(session.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream());
        } finally {
            store.close();
        }
    }
}
