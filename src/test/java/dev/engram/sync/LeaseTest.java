package dev.engram.sync;

import dev.engram.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.FakeSyncTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two store instances on one file stand for two processes sharing a data directory. */
class LeaseTest {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
    final FakeSyncTransport server = new FakeSyncTransport();
    SqliteMemoryStore first;
    SqliteMemoryStore second;
    SyncEngine a;
    SyncEngine b;

    @BeforeEach
    void open() {
        first = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new SplittableRandom(1));
        second = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new SplittableRandom(2));
        SyncSettings settings = new SyncSettings(100, 100, Duration.ofSeconds(60));
        a = new SyncEngine(first, server, settings, clock, "process-a");
        b = new SyncEngine(second, server, settings, clock, "process-b");
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    SyncResult run(SyncEngine engine) {
        return engine.run(SyncRequest.FULL, SyncListener.NONE, SyncProgress.NONE);
    }

    @Test
    void secondProcessStaysPassiveWhileTheLeaseIsHeld() {
        assertThat(run(a)).isInstanceOf(SyncResult.Completed.class);

        SyncResult passive = run(b);

        assertThat(passive).isEqualTo(new SyncResult.LeaseHeld("process-a", clock.instant().plusSeconds(60)));
        assertThat(server.pullRequests()).hasSize(1);
    }

    @Test
    void holderRenewsItsLeaseOnEveryPass() {
        run(a);
        clock.advance(Duration.ofSeconds(45));
        run(a);
        clock.advance(Duration.ofSeconds(45));

        assertThat(run(b)).isInstanceOf(SyncResult.LeaseHeld.class);
        assertThat(LocalSyncState.read(second).lease()).isEqualTo(new Lease.Holder("process-a", Instant.parse("2026-11-27T06:01:45Z")));
    }

    @Test
    void anotherProcessTakesOverOnceTheLeaseExpired() {
        run(a);
        clock.advance(Duration.ofSeconds(61));

        assertThat(run(b)).isInstanceOf(SyncResult.Completed.class);
        assertThat(run(a)).isInstanceOf(SyncResult.LeaseHeld.class);
        assertThat(LocalSyncState.read(first).lease().owner()).isEqualTo("process-b");
    }

    @Test
    void releasedLeaseIsFreeAtOnce() {
        run(a);
        a.releaseLease();

        assertThat(run(b)).isInstanceOf(SyncResult.Completed.class);
    }

    @Test
    void releasingALeaseHeldByAnotherChangesNothing() {
        run(a);
        b.releaseLease();

        assertThat(LocalSyncState.read(first).lease().owner()).isEqualTo("process-a");
    }
}
