package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.testing.MutableClock;
import dev.engram.sync.SyncEvent;
import dev.engram.sync.SyncSettings;
import dev.engram.transport.FakeSyncTransport;
import dev.engram.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A scripted life of one manager, driven turn by turn with a fake clock: healthy, then failing, then
 * at the failure ceiling (with a crash on the way), then recovered. Shared by the event-sequence test
 * and the log-output test so both check the same run.
 */
final class ScriptedRun {
    static final String SECRET_TITLE = "secret title xyzzy";
    static final String SECRET_CONTENT = "secret content plugh";

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
    final FakeSyncTransport server = new FakeSyncTransport();
    final AutosyncConfig config = new AutosyncConfig("https://cloud.example", Duration.ofSeconds(30), Duration.ofMillis(500),
            new SyncSettings(100, 100, Duration.ofSeconds(60)), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), 2);
    final SqliteMemoryStore store;
    final AutosyncManager manager;

    ScriptedRun(Path dir, AutosyncListener listener) {
        store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new SplittableRandom(11));
        store.enroll("alpha");
        store.save(NewObservation.of("alpha", SECRET_TITLE, SECRET_CONTENT));
        manager = new AutosyncManager(store, server, config, clock, new SplittableRandom(5), listener);
    }

    /** Plays the script; the assertions here only check that each turn did what the script expects. */
    void play() {
        manager.open();
        step();                                   // cycle 1: pushes 2 rows, pulls their echoes: healthy
        assertThat(step()).isEqualTo(AutosyncManager.PEER_CHECK_INTERVAL); // idle: nothing happens

        clock.advance(Duration.ofSeconds(30));
        server.failNextPull(TransportException.http(503, "unavailable", "GET /sync/mutations/pull: 503 unavailable"));
        step();                                   // cycle 2: pull fails, failure 1
        step();                                   // backoff, below the ceiling: silent

        clock.set(manager.status().backoffUntil());
        server.failNextPull(TransportException.http(503, "unavailable", "GET /sync/mutations/pull: 503 unavailable"));
        step();                                   // cycle 3: failure 2 = the ceiling
        step();                                   // WARN: max failures, once for this window
        manager.wake();
        step();                                   // woken inside the window: DEBUG repeat

        clock.set(manager.status().backoffUntil());
        server.crashNextPull(new IllegalStateException("fake bug in a transport"));
        step();                                   // cycle 4: crashes, failure 3
        step();                                   // a new window: WARN again

        clock.set(manager.status().backoffUntil());
        step();                                   // cycle 5: recovers
        manager.close();
    }

    private Duration step() {
        return manager.step();
    }

    /** One short line per event, to compare whole runs at a glance. */
    static String render(AutosyncEvent event) {
        return switch (event) {
            case AutosyncEvent.ManagerStarted e -> "manager started " + e.targetKey();
            case AutosyncEvent.ManagerStopped e -> "manager stopped " + e.targetKey();
            case AutosyncEvent.CycleSkippedBackoff e -> "skipped: backoff " + e.consecutiveFailures();
            case AutosyncEvent.CycleSkippedMaxFailures e -> "skipped: max failures " + e.consecutiveFailures() + "/" + e.max()
                    + (e.firstInWindow() ? " first" : " repeat");
            case AutosyncEvent.CycleStarted e -> "cycle";
            case AutosyncEvent.LeaseError e -> "  lease error";
            case AutosyncEvent.LeaseHeld e -> "  lease held by " + e.owner();
            case AutosyncEvent.InCycle e -> "  " + render(e.event());
            case AutosyncEvent.FailureRecorded e -> "  failure " + e.failure().reason().wire() + " " + e.consecutiveFailures();
            case AutosyncEvent.SyncHealthy e -> "  healthy";
            case AutosyncEvent.CycleComplete e -> "  complete " + (e.ok() ? "ok" : "failed");
            case AutosyncEvent.CycleCrashed e -> "  crashed " + e.error().getMessage();
        };
    }

    static String render(SyncEvent event) {
        return switch (event) {
            case SyncEvent.StageStarted e -> "stage " + e.stage();
            case SyncEvent.PushSkipped e -> "push skipped";
            case SyncEvent.Pushing e -> "pushing " + e.count();
            case SyncEvent.ProjectBatchPushed e -> "pushed " + e.project() + " " + e.mutations();
            case SyncEvent.PushFailed e -> "push failed " + e.failure().reason().wire();
            case SyncEvent.PullSkipped e -> "pull skipped at " + e.lastSeq();
            case SyncEvent.PullComplete e -> "pulled applied=" + e.applied() + " stale=" + e.stale() + " at " + e.lastSeq();
            case SyncEvent.PullFailed e -> "pull failed " + e.failure().reason().wire();
            case SyncEvent.MutationSetAside e -> "set aside " + e.seq();
            case SyncEvent.LocalWriteSetAside e -> "local write set aside " + e.mutationId();
            case SyncEvent.ReplicaIdentityRenewed e -> "identity renewed";
            case SyncEvent.ServerReset e -> "server reset";
            case SyncEvent.HistoryRequested e -> "history of " + e.projects();
        };
    }

    static final List<String> EXPECTED = List.of(
            "manager started cloud",
            "cycle",
            "  stage PUSH", "  pushing 2", "  pushed alpha 2", "  stage PULL", "  pulled applied=0 stale=2 at 2",
            "  healthy", "  complete ok",
            "cycle",
            "  stage PUSH", "  push skipped", "  stage PULL", "  pull failed server_error",
            "  failure server_error 1", "  complete failed",
            "cycle",
            "  stage PUSH", "  push skipped", "  stage PULL", "  pull failed server_error",
            "  failure server_error 2", "  complete failed",
            "skipped: max failures 2/2 first",
            "skipped: max failures 2/2 repeat",
            "cycle",
            "  stage PUSH", "  push skipped", "  stage PULL", "  crashed fake bug in a transport",
            "  failure internal_error 3",
            "skipped: max failures 3/2 first",
            "cycle",
            "  stage PUSH", "  push skipped", "  stage PULL", "  pull skipped at 2",
            "  healthy", "  complete ok",
            "manager stopped cloud");
}
