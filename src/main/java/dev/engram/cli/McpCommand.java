package dev.engram.cli;

import dev.engram.mcp.CurrentProject;
import dev.engram.mcp.McpBackend;
import dev.engram.mcp.StdioMcpServer;
import dev.engram.mcp.ToolProfile;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.project.ProjectResolver;
import dev.engram.view.SyncStatusSource;
import java.io.FileInputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code engram mcp}: MCP over stdio until stdin closes (exit 0). stdout carries JSON-RPC and nothing
 * else: before anything else runs, {@code System.out} is pointed at stderr and only the transport
 * keeps the real stdout.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve the memory tools over MCP (stdio); runs autosync when enabled. stdout carries only JSON-RPC.")
public final class McpCommand implements Callable<Integer>, LongRunning {
    private final Replication replication;

    @ParentCommand
    EngramCommand root;

    /** {@code replication} reads the persisted sync status and runs the autosync manager while this command runs, when autosync is enabled. */
    public McpCommand(Replication replication) {
        this.replication = replication;
    }

    @Option(names = "--tools", paramLabel = "PROFILE", defaultValue = "all",
            description = "agent (all but mem_delete and mem_stats), admin (only those two) or all (default).")
    String tools;

    @Option(names = "--project", paramLabel = "P",
            description = "The project for tools that take one when the agent leaves it out (default: resolved from the "
                    + "working directory and the client's roots; see 'engram project').")
    String project;

    @Option(names = "--semantic", paramLabel = "on|off", defaultValue = "${env:ENGRAM_SEMANTIC}",
            description = "Semantic search and its background indexer (env ENGRAM_SEMANTIC, default on).")
    String semantic;

    /** The model loads this long after start, so that it does not compete with the handshake on a small machine. */
    static final java.time.Duration MODEL_LOAD_DELAY = java.time.Duration.ofSeconds(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintStream wire = System.out;
        System.setOut(System.err);
        ToolProfile profile = ToolProfile.parse("--tools", tools);
        boolean semanticOn = SemanticSearch.enabled("--semantic", semantic);
        AtomicReference<SemanticSearch> search = new AtomicReference<>();
        // The database opens on its own (platform) thread while the SDK starts and answers initialize.
        AtomicReference<AutoCloseable> autosync = new AtomicReference<>(() -> { });
        CompletableFuture<McpBackend> backend = CompletableFuture.supplyAsync(() -> {
            SqliteMemoryStore store = SqliteMemoryStore.open(root.dataDir());
            // The persisted status record, read fresh on every call; autosync (when enabled) runs
            // beside the server and is stopped in the finally block below.
            autosync.set(replication.startAutosync(root.dataDir(), store, null));
            SyncStatusSource status = () -> replication.status(root.dataDir(), store).toWire();
            search.set(SemanticSearch.start(store, semanticOn, MODEL_LOAD_DELAY));
            return new McpBackend(store, status, search.get().recall());
        }, task -> Thread.ofPlatform().name("engram-open").start(task));
        try {
            CurrentProject current = new CurrentProject(ProjectResolver.fromEnvironment(), project, Path.of(""));
            new StdioMcpServer(backend, profile, current, VersionProvider.version())
                    .serve(new FileInputStream(FileDescriptor.in), wire);
        } finally {
            backend.handle((b, failure) -> {
                if (b != null) {
                    search.get().close();
                    ServeCommand.closeQuietly(autosync.get());
                    b.store().close();
                }
                return null;
            }).join();
        }
        return Cli.OK;
    }
}
