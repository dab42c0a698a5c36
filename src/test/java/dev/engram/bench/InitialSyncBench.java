package dev.engram.bench;

import dev.engram.autosync.AutosyncConfig;
import dev.engram.autosync.AutosyncListener;
import dev.engram.autosync.AutosyncManager;
import dev.engram.autosync.CycleReport;
import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Transfer;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import dev.engram.transport.HttpSyncTransport;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Initial sync: N observations on replica A reach replica B through a real cloud server on loopback
 * (SQLite), with the default batch sizes (100 per push, 100 per pull page). A's data is loaded through
 * {@code import} (fast), then enrolling backfills the journal; the clock runs from A's first push to
 * B's last applied page.
 *
 * <pre>bench/run dev.engram.bench.InitialSyncBench [N] [PULL_BATCH]</pre>
 */
public final class InitialSyncBench {
    private InitialSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("engram-initial-sync");
        StoreBench.Words words = new StoreBench.Words(new Random(1));
        Random random = new Random(3);
        StringBuilder doc = new StringBuilder("{\"format\":\"engram-export\",\"format_version\":1,\"sessions\":[{\"id\":\"s\",\"project\":\"bench\","
                + "\"directory\":\"\",\"started_at\":\"2026-11-27T06:00:00.000Z\",\"version\":\"000000000001.0000.r-seed\"}],\"observations\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                doc.append(',');
            }
            doc.append("{\"sync_id\":\"obs-").append(String.format("%016x", i)).append("\",\"session_id\":\"s\",\"type\":\"decision\",")
                    .append("\"title\":\"").append(words.sentence(random, 6)).append("\",\"content\":\"").append(words.sentence(random, 45))
                    .append("\",\"project\":\"bench\",\"scope\":\"project\",\"revision_count\":1,")
                    .append("\"created_at\":\"2026-11-27T06:00:00.000Z\",\"updated_at\":\"2026-11-27T06:00:00.000Z\",")
                    .append("\"version\":\"").append(String.format("%012x.0000.r-seed", 2L + i)).append("\"}");
        }
        doc.append("]}");
        // Optional second argument: the pull page size (ENGRAM_AUTOSYNC_PULL_BATCH), default 100.
        Map<String, String> env = args.length > 1 ? Map.of("ENGRAM_AUTOSYNC_PULL_BATCH", args[1]) : Map.of();
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0)
                .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("cloud.db").toString())));
             SqliteMemoryStore a = SqliteMemoryStore.openFile(dir.resolve("a.db"), InstantSource.system(), new SecureRandom());
             SqliteMemoryStore b = SqliteMemoryStore.openFile(dir.resolve("b.db"), InstantSource.system(), new SecureRandom())) {
            String token = server.tokens().create("bench", List.of("bench")).token();
            String url = server.baseUri().toString();
            long t0 = System.nanoTime();
            Transfer.importFrom(a, new StringReader(doc.toString()), "generated");
            int queued = a.enroll("bench");
            System.out.printf("loaded %,d observations into A and queued %,d journal rows in %.1f s%n", n, queued,
                    (System.nanoTime() - t0) / 1e9);
            try (HttpSyncTransport ta = new HttpSyncTransport(url, token); HttpSyncTransport tb = new HttpSyncTransport(url, token);
                 AutosyncManager ma = new AutosyncManager(a, ta, AutosyncConfig.fromEnv(env, url), InstantSource.system(),
                         new SecureRandom(), AutosyncListener.NONE);
                 AutosyncManager mb = new AutosyncManager(b, tb, AutosyncConfig.fromEnv(env, url), InstantSource.system(),
                         new SecureRandom(), AutosyncListener.NONE)) {
                long start = System.nanoTime();
                CycleReport push = ma.syncNow(new SyncRequest(SyncRequest.Direction.PUSH_ONLY, null), SyncProgress.NONE);
                long pushed = System.nanoTime();
                CycleReport pull = mb.syncNow(new SyncRequest(SyncRequest.Direction.PULL_ONLY, null), SyncProgress.NONE);
                long end = System.nanoTime();
                if (!push.ok() || !pull.ok()) {
                    throw new IllegalStateException("sync failed: " + push.reasonCode() + " / " + pull.reasonCode());
                }
                long onB = b.stats().observations();
                System.out.printf("push A -> server: %,d mutations in %.2f s (%.0f/s)%n", push.pushed(), (pushed - start) / 1e9,
                        push.pushed() / ((pushed - start) / 1e9));
                System.out.printf("pull server -> B: %,d applied in %.2f s (%.0f/s)%n", pull.applied(), (end - pushed) / 1e9,
                        pull.applied() / ((end - pushed) / 1e9));
                System.out.printf("initial sync of %,d observations A -> B: %.2f s (B holds %,d; search finds %d)%n", n,
                        (end - start) / 1e9, onB, b.search(SearchQuery.of(words.word(random))).size());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
