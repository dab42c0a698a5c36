package dev.engram.app;

import dev.engram.autosync.Phase;
import dev.engram.autosync.SyncStatus;
import dev.engram.cli.Cli;
import dev.engram.config.CloudSettings;
import dev.engram.config.CloudSettingsFile;
import dev.engram.cli.EngramCommand;
import dev.engram.cli.LongRunning;
import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import dev.engram.cloud.IssuedToken;
import dev.engram.logging.LogLevel;
import dev.engram.logging.LogSetup;
import dev.engram.memory.NewObservation;
import dev.engram.memory.Observation;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code engram demo}: replication end to end on this machine, in a few seconds. Starts a cloud
 * server on a free loopback port, two replicas with autosync in temporary directories, saves a memory
 * on one and shows it arriving on the other, then prints both status records and cleans up.
 */
@Command(name = "demo", description = "Show replication end to end: a cloud server and two replicas on this machine, in temporary directories.")
final class DemoCommand implements Callable<Integer>, LongRunning {
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EngramCommand root = (EngramCommand) spec.root().userObject();
        if (root.logConfig() == null) {
            // The point of the demo is to see the events: autosync's DEBUG lines included, unless asked otherwise.
            LogSetup.configure(root.logFormat(), root.logLevel(LogLevel.DEBUG));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("engram-demo");
        Map<String, String> env = Map.of("ENGRAM_AUTOSYNC_DEBOUNCE", "50ms");
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0)
                .withDatabase(CloudDatabaseUrl.parse("--db", scratch.resolve("cloud.db").toString())))) {
            IssuedToken token = server.tokens().create("demo", List.of("demo"));
            URI url = server.baseUri();
            out.println("1. Cloud server listening on " + url + " (SQLite in " + scratch + ")");
            try (Replica a = Replica.open(scratch.resolve("replica-a"), url, token.token(), env);
                 Replica b = Replica.open(scratch.resolve("replica-b"), url, token.token(), env)) {
                out.println("2. Two replicas with autosync: " + a.dir + " and " + b.dir);
                out.flush();
                Observation saved = a.store.save(NewObservation.of("demo", "Use WAL",
                        "Readers never block writers: replicated by engram demo")).observation();
                long start = System.nanoTime();
                out.println("3. Saved observation " + saved.syncId() + " on replica A; waiting for it on replica B...");
                out.flush();
                long deadline = start + ARRIVAL_TIMEOUT.toNanos();
                while (b.store.search(SearchQuery.of("readers replicated")).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        out.println("   It did not arrive within " + ARRIVAL_TIMEOUT.toSeconds() + " s; see the log lines above.");
                        printStatus(out, a, b);
                        return Cli.FAILED;
                    }
                    Thread.sleep(10);
                }
                out.printf("4. Replica B found it by search after %d ms.%n", (System.nanoTime() - start) / 1_000_000);
                // Replica A acknowledges its journal rows once the push answer is in: let that settle before showing status.
                long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while ((a.status().pendingCount() > 0 || a.status().phase() != Phase.HEALTHY) && System.nanoTime() < settle) {
                    Thread.sleep(10);
                }
                printStatus(out, a, b);
            }
        } finally {
            deleteTree(scratch);
        }
        out.println("6. Stopped everything and removed " + scratch);
        return Cli.OK;
    }

    private static void printStatus(PrintWriter out, Replica a, Replica b) {
        JsonMapper json = JsonMapper.builder().build();
        out.println("5. Status records (what 'engram sync status --json' shows):");
        out.println("   replica A: " + json.writeValueAsString(a.status().toWire()));
        out.println("   replica B: " + json.writeValueAsString(b.status().toWire()));
        out.flush();
    }

    /** One replica: its own data directory and cloud.json, with autosync started the way serve and mcp start it. */
    private record Replica(Path dir, SqliteMemoryStore store, ReplicationWiring wiring, AutoCloseable autosync)
            implements AutoCloseable {
        static Replica open(Path dir, URI server, String token, Map<String, String> env) {
            CloudSettingsFile.write(dir, new CloudSettings(server, token, true));
            SqliteMemoryStore store = SqliteMemoryStore.open(dir);
            store.enroll("demo");
            ReplicationWiring wiring = new ReplicationWiring(env);
            return new Replica(dir, store, wiring, wiring.startAutosync(dir, store, null));
        }

        SyncStatus status() {
            return wiring.status(dir, store);
        }

        @Override
        public void close() throws Exception {
            try {
                autosync.close();
            } finally {
                store.close();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
