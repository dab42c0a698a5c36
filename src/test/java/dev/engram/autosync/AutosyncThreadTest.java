package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncSettings;
import dev.engram.transport.FailureKind;
import dev.engram.transport.FakeSyncTransport;
import dev.engram.transport.OutboundMutation;
import dev.engram.transport.PullPage;
import dev.engram.transport.PushAck;
import dev.engram.transport.SyncTransport;
import dev.engram.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real owner thread, with the system clock and short durations; waits only through Awaitility. */
class AutosyncThreadTest {
    static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    final FakeSyncTransport server = new FakeSyncTransport();
    final RecordingAutosyncListener events = new RecordingAutosyncListener();
    final AutosyncConfig config = new AutosyncConfig(null, Duration.ofHours(1), Duration.ofMillis(20),
            new SyncSettings(100, 100, Duration.ofSeconds(60)), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), 3);
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    SqliteMemoryStore open(int seed) {
        SqliteMemoryStore s = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SplittableRandom(seed));
        toClose.add(s);
        return s;
    }

    AutosyncManager manager(SqliteMemoryStore store, SyncTransport transport) {
        AutosyncManager m = new AutosyncManager(store, transport, config, InstantSource.system(), new SplittableRandom(1), events);
        toClose.add(m);
        return m;
    }

    @Test
    void syncsAtStartThenOnLocalWritesAndStopsCleanly() {
        SqliteMemoryStore store = open(1);
        store.enroll("alpha");
        AutosyncManager manager = manager(store, server);

        manager.start();
        await().atMost(PATIENCE).until(() -> manager.status().phase() == Phase.HEALTHY);
        store.save(NewObservation.of("alpha", "written while running", "c"));
        await().atMost(PATIENCE).until(() -> server.stored().size() == 2);

        assertThat(manager.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(events.events().getLast()).isEqualTo(new AutosyncEvent.ManagerStopped("cloud"));
        assertThat(new SyncStatusReader(store).read().leaseOwner()).isNull();
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void noticesWritesByAnotherProcessOnTheSameFile() {
        SqliteMemoryStore store = open(1);
        store.enroll("alpha");
        AutosyncManager manager = manager(store, server);
        manager.start();
        await().atMost(PATIENCE).until(() -> manager.status().phase() == Phase.HEALTHY);

        SqliteMemoryStore cli = open(2); // another connection, as `engram save` in another process
        cli.save(NewObservation.of("alpha", "saved by the cli", "c"));

        await().atMost(PATIENCE).until(() -> server.stored().size() == 2);
    }

    @Test
    void failuresBackOffAndRecoverOnTheirOwn() {
        SqliteMemoryStore store = open(1);
        for (int i = 0; i < 4; i++) {
            server.failNextPull(TransportException.of(FailureKind.CONNECT, "GET /sync/mutations/pull: connection refused", null));
        }
        AutosyncManager manager = manager(store, server);

        manager.start();

        await().atMost(PATIENCE).until(() -> events.of(AutosyncEvent.SyncHealthy.class).size() == 1);
        assertThat(events.of(AutosyncEvent.FailureRecorded.class)).extracting(AutosyncEvent.FailureRecorded::consecutiveFailures)
                .containsExactly(1, 2, 3, 4);
        assertThat(events.of(AutosyncEvent.CycleSkippedMaxFailures.class)).filteredOn(e -> e.firstInWindow()).hasSize(2);
        assertThat(manager.status().consecutiveFailures()).isZero();
    }

    @Test
    void stopIsBoundedEvenWhenARequestHangs() throws Exception {
        SqliteMemoryStore store = open(1);
        CountDownLatch pulling = new CountDownLatch(1);
        SyncTransport hanging = new SyncTransport() {
            @Override
            public PushAck push(List<OutboundMutation> batch) {
                return server.push(batch);
            }

            @Override
            public PullPage pull(long sinceSeq, int limit, long waitMs) {
                pulling.countDown();
                try {
                    new CountDownLatch(1).await(); // a server that never answers
                    throw new AssertionError("unreachable");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw TransportException.of(FailureKind.TIMEOUT, "GET /sync/mutations/pull: interrupted", e);
                }
            }
        };
        AutosyncManager manager = manager(store, hanging);
        manager.start();
        pulling.await();

        assertThat(manager.stop(Duration.ofMillis(200))).isTrue();
        assertThat(events.events().getLast()).isEqualTo(new AutosyncEvent.ManagerStopped("cloud"));
    }

    @Test
    void aListenerThatThrowsDoesNotStopSync() {
        SqliteMemoryStore store = open(1);
        AutosyncManager manager = new AutosyncManager(store, server, config, InstantSource.system(), new SplittableRandom(1),
                AutosyncListener.all(event -> {
                    throw new IllegalStateException("broken metrics");
                }, events));
        toClose.add(manager);

        manager.start();

        await().atMost(PATIENCE).until(() -> manager.status().phase() == Phase.HEALTHY);
        assertThat(events.of(AutosyncEvent.SyncHealthy.class)).hasSize(1);
    }
}
