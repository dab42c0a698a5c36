package dev.engram.cli;

import dev.engram.api.LocalApi;
import dev.engram.base.InvalidInputException;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code engram serve}: the local HTTP API until the process is stopped (SIGINT/SIGTERM close it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the local HTTP API (default http://127.0.0.1:7437); runs autosync when enabled.")
public final class ServeCommand implements Callable<Integer>, LongRunning {
    private final Replication replication;

    @ParentCommand
    EngramCommand root;

    /** {@code replication} reads the persisted sync status (and will run the autosync manager). */
    public ServeCommand(Replication replication) {
        this.replication = replication;
    }

    @Option(names = "--host", paramLabel = "HOST", defaultValue = LocalApi.DEFAULT_HOST,
            description = "Interface to bind (default ${DEFAULT-VALUE}; anything else exposes your memory to the network).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + LocalApi.DEFAULT_PORT,
            description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--semantic", paramLabel = "on|off", defaultValue = "${env:ENGRAM_SEMANTIC}",
            description = "Semantic search and its background indexer (env ENGRAM_SEMANTIC, default on).")
    String semantic;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("--port", "--port must be between 0 and 65535, was " + port);
        }
        boolean semanticOn = SemanticSearch.enabled("--semantic", semantic);
        SqliteMemoryStore store = SqliteMemoryStore.open(root.dataDir());
        CountDownLatch stopped = new CountDownLatch(1);
        LocalApi api;
        AutoCloseable autosync = () -> { };
        SemanticSearch search = null;
        try {
            // The persisted status record, read fresh on every request; autosync (when enabled)
            // runs beside the API and persists its status in the same store.
            SyncStatusSource status = () -> replication.status(root.dataDir(), store).toWire();
            PrometheusMeterRegistry registry = LocalMetrics.create(store);
            autosync = replication.startAutosync(root.dataDir(), store, registry);
            search = SemanticSearch.start(store, semanticOn, java.time.Duration.ZERO);
            api = new LocalApi(store, status, registry, VersionProvider.version(), search.recall());
            api.start(host, port);
        } catch (RuntimeException e) {
            if (search != null) {
                search.close();
            }
            closeQuietly(autosync);
            store.close();
            throw e;
        }
        AutoCloseable startedAutosync = autosync;
        SemanticSearch startedSearch = search;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            startedSearch.close();
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
