package dev.engram.cli;

import dev.engram.api.LocalAccess;
import dev.engram.api.LocalApi;
import dev.engram.api.ServeToken;
import dev.engram.autosync.SyncHistory;
import dev.engram.base.InvalidInputException;
import dev.engram.mcp.HttpMcpServer;
import dev.engram.mcp.McpBackend;
import dev.engram.mcp.ToolProfile;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.project.ProjectResolver;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import dev.engram.web.WebUi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code engram serve}: the local HTTP API until the process is stopped (SIGINT/SIGTERM close it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the local hub (default http://127.0.0.1:7437): the HTTP API, the web UI at /, MCP over "
                + "Streamable HTTP at /mcp (bearer token required); runs autosync when enabled.")
public final class ServeCommand implements Callable<Integer>, LongRunning {
    private final Replication replication;

    @ParentCommand
    EngramCommand root;

    /** {@code replication} reads the persisted sync status and runs the autosync manager while this command runs, when autosync is enabled. */
    public ServeCommand(Replication replication) {
        this.replication = replication;
    }

    @Option(names = "--host", paramLabel = "HOST", defaultValue = LocalApi.DEFAULT_HOST,
            description = "Interface to bind (default ${DEFAULT-VALUE}; beyond loopback every request but GET /health needs the token).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + LocalApi.DEFAULT_PORT,
            description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--allowed-host", paramLabel = "H", split = ",", defaultValue = "${env:ENGRAM_ALLOWED_HOSTS}",
            description = "Also accept requests whose Host header is H or H:PORT (repeatable; env ENGRAM_ALLOWED_HOSTS, "
                    + "comma-separated). Loopback names are always accepted.")
    List<String> allowedHosts;

    @Option(names = "--mcp-tools", paramLabel = "PROFILE", defaultValue = "all",
            description = "Tools served by MCP at /mcp: agent, admin or all (default ${DEFAULT-VALUE}).")
    String mcpTools;

    @Option(names = "--print-token", description = "Print the local API token (creating it if needed) and exit.")
    boolean printToken;

    @Option(names = "--semantic", paramLabel = "on|off", defaultValue = "${env:ENGRAM_SEMANTIC}",
            description = "Semantic search and its background indexer (env ENGRAM_SEMANTIC, default on).")
    String semantic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServeToken token = ServeToken.in(root.dataDir());
        if (printToken) {
            spec.commandLine().getOut().println(token.readOrCreate());
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("--port", "--port must be between 0 and 65535, was " + port);
        }
        String hostsField = spec.commandLine().getParseResult().hasMatchedOption("--allowed-host")
                ? "--allowed-host" : "ENGRAM_ALLOWED_HOSTS";
        LocalAccess access = LocalAccess.of(hostsField, allowedHosts == null ? List.of() : allowedHosts, token);
        ToolProfile profile = ToolProfile.parse("--mcp-tools", mcpTools);
        boolean semanticOn = SemanticSearch.enabled("--semantic", semantic);
        SqliteMemoryStore store = SqliteMemoryStore.open(root.dataDir());
        CountDownLatch stopped = new CountDownLatch(1);
        LocalApi api;
        AutoCloseable autosync = () -> { };
        HttpMcpServer mcp = null;
        SemanticSearch search = null;
        try {
            // The persisted status record, read fresh on every request; autosync (when enabled)
            // runs beside the API and persists its status in the same store.
            SyncStatusSource status = () -> replication.status(root.dataDir(), store).toWire();
            PrometheusMeterRegistry registry = LocalMetrics.create(store);
            SyncHistory history = new SyncHistory(InstantSource.system());
            autosync = replication.startAutosync(root.dataDir(), store, registry, history);
            search = SemanticSearch.start(store, semanticOn, java.time.Duration.ZERO);
            mcp = new HttpMcpServer(new McpBackend(store, status, search.recall()), profile, VersionProvider.version(),
                    (int) LocalApi.MAX_BODY_BYTES);
            String project = ProjectResolver.fromEnvironment().resolve(null, Path.of("")).project();
            api = new LocalApi(store, status, registry, VersionProvider.version(), access, project, search.recall())
                    .withRoutes(new WebUi(store, status, history, InstantSource.system()))
                    .withTokenServlet(HttpMcpServer.PATH, mcp.servlet());
            api.start(host, port);
        } catch (RuntimeException e) {
            if (mcp != null) {
                mcp.close();
            }
            if (search != null) {
                search.close();
            }
            closeQuietly(autosync);
            store.close();
            throw e;
        }
        AutoCloseable startedAutosync = autosync;
        HttpMcpServer startedMcp = mcp;
        SemanticSearch startedSearch = search;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The indexer first (bounded wait), so that nothing embeds while the server and the store close.
            startedSearch.close();
            startedMcp.close();
            api.close();
            closeQuietly(startedAutosync);
            store.close();
            stopped.countDown();
        }, "engram-shutdown"));
        stopped.await();
        return Cli.OK;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // stopping: the manager logs its own failures
        }
    }
}
