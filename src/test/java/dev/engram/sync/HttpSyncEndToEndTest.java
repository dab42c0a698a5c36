package dev.engram.sync;

import dev.engram.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.FakeCloudServer;
import dev.engram.transport.FakeSyncTransport;
import dev.engram.transport.HttpSyncTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas converge through the real HTTP client, including a soft delete made on one of them. */
class HttpSyncEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void twoReplicasConvergeOverHttp() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
        try (FakeCloudServer server = new FakeCloudServer(new FakeSyncTransport(), "tok-e2e");
                HttpSyncTransport httpA = new HttpSyncTransport(server.url(), "tok-e2e");
                HttpSyncTransport httpB = new HttpSyncTransport(server.url(), "tok-e2e");
                SqliteMemoryStore a = SqliteMemoryStore.openFile(dir.resolve("a.db"), clock, new SplittableRandom(1));
                SqliteMemoryStore b = SqliteMemoryStore.openFile(dir.resolve("b.db"), clock, new SplittableRandom(2))) {
            SyncSettings settings = new SyncSettings(2, 2, Duration.ofSeconds(60));
            SyncEngine engineA = new SyncEngine(a, httpA, settings, clock, "a");
            SyncEngine engineB = new SyncEngine(b, httpB, settings, clock, "b");
            a.enroll("alpha");
            b.enroll("alpha");
            long kept = a.save(NewObservation.of("alpha", "kept", "stays everywhere")).observation().id();
            long gone = a.save(NewObservation.of("alpha", "gone", "deleted on b")).observation().id();

            run(engineA);
            run(engineB);
            long goneOnB = b.search(new dev.engram.memory.SearchQuery("gone", null, "alpha", null, 10)).getFirst().observation().id();
            clock.advance(Duration.ofSeconds(1));
            b.delete(goneOnB, false);
            run(engineB);
            run(engineA);

            assertThat(titles(a)).containsExactly("kept");
            assertThat(titles(b)).containsExactly("kept");
            assertThat(a.get(gone).deleted()).isTrue();
            assertThat(a.get(kept).deleted()).isFalse();
            assertThat(a.pendingCount() + b.pendingCount()).isZero();
        }
    }

    static void run(SyncEngine engine) {
        SyncResult.Completed result = (SyncResult.Completed) engine.run(SyncRequest.FULL, SyncListener.NONE, SyncProgress.NONE);
        assertThat(result.ok()).as(String.valueOf(result.failure())).isTrue();
    }

    static List<String> titles(SqliteMemoryStore s) {
        return s.context("alpha", 50).observations().stream().map(o -> o.title()).toList();
    }
}
