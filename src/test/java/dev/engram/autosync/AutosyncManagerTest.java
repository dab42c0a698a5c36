package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import dev.engram.transport.ReasonCode;
import dev.engram.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager driven turn by turn ({@code step()}) with a fake clock: deterministic, no thread. */
class AutosyncManagerTest {
    @TempDir
    Path dir;

    final RecordingAutosyncListener events = new RecordingAutosyncListener();
    final List<SqliteMemoryStore> toClose = new ArrayList<>();

    @AfterEach
    void close() {
        toClose.forEach(SqliteMemoryStore::close);
    }

    ScriptedRun run() {
        ScriptedRun run = new ScriptedRun(dir, events);
        toClose.add(run.store);
        return run;
    }

    @Test
    void healthyFailingCeilingRecoveryEmitsExactlyTheseEvents() {
        ScriptedRun run = run();

        run.play();

        assertThat(events.events()).extracting(ScriptedRun::render).containsExactlyElementsOf(ScriptedRun.EXPECTED);
    }

    @Test
    void recoveryResetsTheStatusInMemoryAndOnDisk() {
        ScriptedRun run = run();
        run.play();

        SyncStatus memory = run.manager.status();
        SqliteMemoryStore otherProcess = SqliteMemoryStore.openFile(dir.resolve("engram.db"), run.clock, new SplittableRandom(3));
        toClose.add(otherProcess);
        SyncStatus disk = new SyncStatusReader(otherProcess, run.clock).read();

        for (SyncStatus s : List.of(memory, disk)) {
            assertThat(s.phase()).isEqualTo(Phase.HEALTHY);
            assertThat(s.reasonCode()).isNull();
            assertThat(s.reasonMessage()).isNull();
            assertThat(s.lastError()).isNull();
            assertThat(s.consecutiveFailures()).isZero();
            assertThat(s.backoffUntil()).isNull();
            assertThat(s.lastSyncAt()).isEqualTo(run.clock.instant());
            assertThat(s.enabled()).isTrue();
            assertThat(s.server()).isEqualTo("https://cloud.example");
            assertThat(s.pendingCount()).isZero();
            assertThat(s.lastPulledSeq()).isEqualTo(2);
            assertThat(s.serverLatestSeq()).isEqualTo(2);
            assertThat(s.enrolledProjects()).containsExactly("alpha");
        }
        assertThat(disk.leaseOwner()).as("released at stop").isNull();
    }

    @Test
    void failureIsPersistedForOtherProcessesWithAHumanSentence() {
        ScriptedRun run = run();
        run.manager.open();
        run.server.failNextPush(TransportException.http(401, "auth_required", "POST /sync/mutations/push: 401 token revoked"));

        run.manager.step();

        SqliteMemoryStore otherProcess = SqliteMemoryStore.openFile(dir.resolve("engram.db"), run.clock, new SplittableRandom(3));
        toClose.add(otherProcess);
        SyncStatus disk = new SyncStatusReader(otherProcess, run.clock).read();
        assertThat(disk.phase()).isEqualTo(Phase.PUSH_FAILED);
        assertThat(disk.reasonCode()).isEqualTo("auth_required");
        assertThat(disk.reasonMessage()).contains("engram cloud config --token");
        assertThat(disk.lastError()).isEqualTo("POST /sync/mutations/push: 401 token revoked");
        assertThat(disk.consecutiveFailures()).isEqualTo(1);
        assertThat(disk.backoffUntil()).isAfter(run.clock.instant());
        assertThat(disk.pendingCount()).isEqualTo(2);
        assertThat(disk.oldestPendingAgeMs()).isZero();
        assertThat(disk.leaseOwner()).isEqualTo(run.manager.leaseOwner());
        assertThat(disk.toWire()).containsEntry("phase", "push_failed").containsEntry("reason_code", "auth_required")
                .containsKeys("enabled", "server", "reason_message", "last_error", "consecutive_failures", "backoff_until",
                        "last_sync_at", "pending_count", "oldest_pending_age_ms", "last_pulled_seq", "server_latest_seq",
                        "lease_owner", "lease_until", "dead_count", "outbound_dead_count", "enrolled_projects")
                .hasSize(18);
    }

    @Test
    void syncNowRunsOneCycleIgnoringBackoffAndReleasesTheLease() {
        ScriptedRun run = run();
        run.server.failNextPull(TransportException.http(500, null, "GET /sync/mutations/pull: 500"));

        CycleReport failed = run.manager.syncNow(SyncRequest.FULL, SyncProgress.NONE);
        CycleReport ok = run.manager.syncNow(SyncRequest.FULL, SyncProgress.NONE);

        assertThat(failed.ok()).isFalse();
        assertThat(failed.failure().reason()).isEqualTo(ReasonCode.SERVER_ERROR);
        assertThat(failed.reasonCode()).isEqualTo("server_error");
        assertThat(failed.reasonMessage()).contains("retries on its own");
        assertThat(failed.error()).isEqualTo("GET /sync/mutations/pull: 500");
        assertThat(failed.pushed()).as("the push half succeeded before the pull failed").isEqualTo(2);
        assertThat(ok.ok()).isTrue();
        assertThat(run.manager.status().phase()).isEqualTo(Phase.HEALTHY);
        assertThat(run.manager.status().leaseOwner()).isNull();
        assertThat(events.of(AutosyncEvent.SyncHealthy.class)).hasSize(1);
    }

    @Test
    void passiveProcessDoesNotOverwriteTheHoldersStatus() {
        ScriptedRun run = run();
        run.manager.open();
        run.manager.step(); // holder: healthy
        SqliteMemoryStore second = SqliteMemoryStore.openFile(dir.resolve("engram.db"), run.clock, new SplittableRandom(3));
        toClose.add(second);
        RecordingAutosyncListener passiveEvents = new RecordingAutosyncListener();
        AutosyncManager passive = new AutosyncManager(second, run.server, run.config, run.clock, new SplittableRandom(9), passiveEvents);
        run.server.failNextPull(TransportException.http(500, null, "would fail if the passive process pulled"));

        passive.open();
        passive.step();

        assertThat(passiveEvents.events()).extracting(ScriptedRun::render)
                .containsExactly("INFO manager started target_key=cloud", "cycle", "  DEBUG lease held by another worker");
        assertThat(passiveEvents.of(AutosyncEvent.LeaseHeld.class)).extracting(AutosyncEvent.LeaseHeld::owner)
                .containsExactly(run.manager.leaseOwner());
        assertThat(new SyncStatusReader(second, run.clock).read().phase()).isEqualTo(Phase.HEALTHY);
        assertThat(passive.status().leaseOwner()).isEqualTo(run.manager.leaseOwner());
        passive.close();
        run.manager.close();
    }

    @Test
    void localWritesAreDebouncedIntoOneCycle() {
        ScriptedRun run = run();
        run.manager.open();
        run.manager.step();
        events.drain();

        for (int i = 0; i < 3; i++) {
            run.store.save(NewObservation.of("alpha", "later " + i, "c"));
            run.manager.notifyLocalWrite();
            run.clock.advance(Duration.ofMillis(100));
        }
        assertThat(run.manager.step()).isEqualTo(Duration.ofMillis(400));
        run.clock.advance(Duration.ofMillis(400));
        assertThat(run.manager.step()).isZero();

        assertThat(events.of(AutosyncEvent.CycleStarted.class)).hasSize(1);
        assertThat(run.server.pushRequests()).hasSize(2);
        assertThat(run.server.pushRequests().get(1)).hasSize(3);
        run.manager.close();
    }
}
