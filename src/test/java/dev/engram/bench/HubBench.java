package dev.engram.bench;

import dev.engram.api.LocalApi;
import dev.engram.api.ServeToken;
import dev.engram.autosync.SyncHistory;
import dev.engram.mcp.HttpMcpServer;
import dev.engram.mcp.McpBackend;
import dev.engram.mcp.ToolProfile;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SaveResult;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import dev.engram.web.WebUi;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local hub's figures: web UI page times on a project of N memories (client round trip over
 * loopback, and the server's own time from the request timer), and MCP save/search latency over
 * Streamable HTTP next to stdio, both driven by the same Java SDK client on the same database.
 * Usage: {@code bench/run dev.engram.bench.HubBench N DIR} (DIR must not exist).
 */
public final class HubBench {
    private static final int WARMUP = 200;
    private static final int TIMED = 500;
    private static final String PROJECT = "bench";

    private HubBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]);
        if (Files.exists(data)) {
            throw new IllegalArgumentException(data + " exists: give a fresh directory");
        }
        SplittableRandom random = new SplittableRandom(42);
        List<Long> ids = new ArrayList<>();
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
            for (int i = 0; i < n; i++) {
                SaveResult r = store.save(new NewObservation(null, i % 4 == 0 ? "bugfix" : "decision", "Note " + i + " " + word(random),
                        sentence(random, 40) + " k" + i, null, PROJECT, null, null));
                ids.add(((SaveResult.Created) r).observation().id());
            }
        }
        System.out.printf("seeded %d memories into %s%n", n, data);
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
            PrometheusMeterRegistry registry = LocalMetrics.create(store);
            SyncStatusSource status = SyncStatusSource.notConfigured(store);
            HttpMcpServer mcp = new HttpMcpServer(new McpBackend(store, status), ToolProfile.ALL, "bench", (int) LocalApi.MAX_BODY_BYTES);
            LocalApi api = new LocalApi(store, status, registry, "bench")
                    .withRoutes(new WebUi(store, status, new SyncHistory(InstantSource.system()), InstantSource.system()))
                    .withTokenServlet(HttpMcpServer.PATH, mcp.servlet());
            String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
            try {
                pages(base, registry, ids, random);
                String token = ServeToken.in(data).readOrCreate();
                try (McpSyncClient http = httpClient(base, token)) {
                    mcpCalls("mcp-http", http, n, random);
                }
            } finally {
                mcp.close();
                api.close();
            }
        }
        try (McpSyncClient stdio = stdioClient(data)) {
            mcpCalls("mcp-stdio", stdio, n, random);
        }
        System.exit(0); // the SDK clients leave non-daemon threads behind
    }

    private static void pages(String base, PrometheusMeterRegistry registry, List<Long> ids, SplittableRandom random) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int pagesTotal = ids.size() / 50;
        Map<String, IntConsumer> pages = new java.util.LinkedHashMap<>();
        pages.put("/ (projects)", i -> get(http, base + "/"));
        pages.put("/ui/memories?project=P (newest 50)", i -> get(http, base + "/ui/memories?project=" + PROJECT));
        pages.put("/ui/memories?project=P&type=bugfix&page=K", i ->
                get(http, base + "/ui/memories?project=" + PROJECT + "&type=bugfix&page=" + (1 + random.nextInt(Math.max(1, pagesTotal / 4)))));
        pages.put("/?q=WORD&project=P (search)", i -> get(http, base + "/?q=" + word(random) + "&project=" + PROJECT));
        pages.put("/ui/observations/ID", i -> get(http, base + "/ui/observations/" + ids.get(random.nextInt(ids.size()))));
        pages.put("/ui/sessions", i -> get(http, base + "/ui/sessions"));
        pages.put("/ui/sync", i -> get(http, base + "/ui/sync"));
        for (var page : pages.entrySet()) {
            for (int i = 0; i < WARMUP; i++) {
                page.getValue().accept(i);
            }
            long[] t = new long[TIMED];
            for (int i = 0; i < TIMED; i++) {
                long s = System.nanoTime();
                page.getValue().accept(i);
                t[i] = System.nanoTime() - s;
            }
            print("page", page.getKey(), t);
        }
        for (Timer timer : registry.find("engram.http.server.requests").timers()) {
            String route = timer.getId().getTag("route");
            if (route != null && (route.equals("/") || route.startsWith("/ui/")) && !route.startsWith("/ui/assets")) {
                System.out.printf("server  %-40s mean %.2f ms over %d requests (the request timer of /metrics)%n", route,
                        timer.mean(TimeUnit.MICROSECONDS) / 1000.0, timer.count());
            }
        }
    }

    private static void get(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void mcpCalls(String label, McpSyncClient client, int n, SplittableRandom random) {
        for (int i = 0; i < WARMUP; i++) {
            check(client.callTool(new CallToolRequest("mem_save", Map.of("title", "warm " + label + " " + i,
                    "content", sentence(random, 12), "project", PROJECT))), "\"created\"");
            check(client.callTool(new CallToolRequest("mem_search", Map.of("query", "k" + random.nextInt(n), "limit", 10))), "\"results\"");
        }
        long[] save = new long[TIMED];
        long[] search = new long[TIMED];
        for (int i = 0; i < TIMED; i++) {
            long s = System.nanoTime();
            check(client.callTool(new CallToolRequest("mem_save", Map.of("title", "timed " + label + " " + i,
                    "content", sentence(random, 12), "project", PROJECT))), "\"created\"");
            save[i] = System.nanoTime() - s;
        }
        for (int i = 0; i < TIMED; i++) {
            int k = random.nextInt(n);
            long s = System.nanoTime();
            check(client.callTool(new CallToolRequest("mem_search", Map.of("query", "k" + k, "limit", 10))), "Note " + k + " ");
            search[i] = System.nanoTime() - s;
        }
        print(label, "mem_save", save);
        print(label, "mem_search (unique token)", search);
    }

    /** A call that did not do its work gets no figure. */
    private static void check(CallToolResult r, String expected) {
        String text = ((TextContent) r.content().getFirst()).text();
        if (Boolean.TRUE.equals(r.isError()) || !text.contains(expected)) {
            throw new IllegalStateException("call did not do its work: " + text);
        }
    }

    private static McpSyncClient httpClient(String base, String token) {
        var transport = HttpClientStreamableHttpTransport.builder(base).endpoint(HttpMcpServer.PATH)
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .customizeClient(b -> b.version(HttpClient.Version.HTTP_1_1))
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    private static McpSyncClient stdioClient(Path data) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ServerParameters params = ServerParameters.builder(java).args("--enable-native-access=ALL-UNNAMED", "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main",
                "--data-dir", data.toString(), "mcp").build();
        var transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        transport.setStdErrorHandler(line -> { });
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60))
                .build();
        c.initialize();
        return c;
    }

    private static void print(String kind, String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%-6s  %-40s p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  (n=%d)%n", kind, what, s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.95)] / 1e6, s[(int) (s.length * 0.99)] / 1e6, s.length);
    }

    private static final String[] WORDS = ("cache index query build deploy token cookie session redirect parser schema "
            + "migration replica cursor lease backoff journal vector thread socket buffer commit branch merge rebase").split(" ");

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String sentence(SplittableRandom r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(word(r));
        }
        return b.toString();
    }
}
