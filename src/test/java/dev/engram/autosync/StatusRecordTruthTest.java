package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import dev.engram.testing.MutableClock;
import dev.engram.transport.FakeSyncTransport;
import dev.engram.transport.TransportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status record is the persisted truth: two "processes" (two store instances on one SQLite file,
 * each with its own settings) show the same record, the one written by whoever ran the last pass.
 */
class StatusRecordTruthTest {
    static final String SERVER = "https://cloud.example";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
    final FakeSyncTransport server = new FakeSyncTransport();
    final RecordingAutosyncListener events = new RecordingAutosyncListener();
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    SqliteMemoryStore process(long seed) {
        SqliteMemoryStore s = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new SplittableRandom(seed));
        toClose.add(s);
        return s;
    }

    AutosyncManager manager(SqliteMemoryStore store, boolean autosync) {
        AutosyncManager m = new AutosyncManager(store, server, AutosyncConfig.defaults(SERVER).withAutosync(autosync), clock,
                new SplittableRandom(7 + toClose.size()), events); // each process its own lease owner id
        toClose.add(m);
        return m;
    }

    SyncStatus readIn(SqliteMemoryStore store, SyncStatusReader.OwnSettings own) {
        return new SyncStatusReader(store, clock).read(own);
    }

    @Test
    void aShellWithoutTheTokenShowsWhatTheServeThatHasItPersisted() {
        SqliteMemoryStore serve = process(1);
        serve.enroll("alpha");
        serve.save(NewObservation.of("alpha", "t", "c"));
        AutosyncManager autosync = manager(serve, true); // its token came from serve's environment
        autosync.open();
        autosync.step();
        SqliteMemoryStore shell = process(2);

        SyncStatus shown = readIn(shell, SyncStatusReader.OwnSettings.NONE); // this shell has no server, no token

        assertThat(shown.phase()).isEqualTo(Phase.HEALTHY);
        assertThat(shown.reasonCode()).isNull();
        assertThat(shown.enabled()).as("serve has autosync configured").isTrue();
        assertThat(shown.server()).isEqualTo(SERVER);
        assertThat(shown.lastSyncAt()).isEqualTo(clock.instant());
        assertThat(shown.leaseOwner()).isEqualTo(autosync.leaseOwner());
        assertThat(shown.toWire()).isEqualTo(readIn(shell, new SyncStatusReader.OwnSettings("https://other.example", true, false))
                .toWire()).isEqualTo(autosync.status().toWire());
    }

    @Test
    void aFailingManualPassWithAutosyncOffShowsItsFailureAndReasonToEveryProcess() {
        SqliteMemoryStore cli = process(1);
        cli.enroll("alpha");
        cli.save(NewObservation.of("alpha", "t", "c"));
        server.failNextPush(TransportException.http(401, "auth_required", "POST /sync/mutations/push: 401 token revoked"));

        CycleReport report = manager(cli, false).syncNow(SyncRequest.FULL, SyncProgress.NONE);

        assertThat(report.reasonCode()).isEqualTo("auth_required");
        SyncStatus paused = readIn(process(2), new SyncStatusReader.OwnSettings(SERVER, true, false));
        SyncStatus notConfigured = readIn(process(3), SyncStatusReader.OwnSettings.NONE);
        for (SyncStatus s : List.of(paused, notConfigured)) {
            assertThat(s.phase()).isEqualTo(Phase.PUSH_FAILED);
            assertThat(s.reasonCode()).isEqualTo("auth_required");
            assertThat(s.reasonMessage()).contains("engram cloud config --token");
            assertThat(s.lastError()).isEqualTo("POST /sync/mutations/push: 401 token revoked");
            assertThat(s.consecutiveFailures()).isEqualTo(1);
            assertThat(s.enabled()).as("the process that ran the pass had autosync off").isFalse();
            assertThat(s.server()).isEqualTo(SERVER);
            assertThat(s.backoffUntil()).as("nothing will retry on its own").isNull();
            assertThat(s.pendingCount()).as("the save and its session wait").isEqualTo(2);
        }
    }

    @Test
    void aSuccessfulManualPassWithAutosyncOffIsPausedWithItsLastSyncAndNoFailure() {
        SqliteMemoryStore cli = process(1);
        cli.enroll("alpha");
        cli.save(NewObservation.of("alpha", "t", "c"));
        server.failNextPush(TransportException.http(503, "unavailable", "POST /sync/mutations/push: 503"));
        AutosyncManager manual = manager(cli, false);
        manual.syncNow(SyncRequest.FULL, SyncProgress.NONE);

        CycleReport report = manual.syncNow(SyncRequest.FULL, SyncProgress.NONE);

        assertThat(report.ok()).isTrue();
        SyncStatus s = readIn(process(2), SyncStatusReader.OwnSettings.NONE);
        assertThat(s.phase()).isEqualTo(Phase.DISABLED);
        assertThat(s.reasonCode()).isEqualTo("paused");
        assertThat(s.lastSyncAt()).isEqualTo(clock.instant());
        assertThat(s.consecutiveFailures()).isZero();
        assertThat(s.lastError()).isNull();
        assertThat(s.pendingCount()).isZero();
    }

    @Test
    void aDatabaseWhereNoPassWasEverRecordedShowsTheReadersOwnConfiguration() {
        SqliteMemoryStore store = process(1);

        SyncStatus none = readIn(store, SyncStatusReader.OwnSettings.NONE);
        SyncStatus paused = readIn(store, new SyncStatusReader.OwnSettings(SERVER, true, false));
        SyncStatus on = readIn(store, new SyncStatusReader.OwnSettings(SERVER, true, true));

        assertThat(none.toWire()).containsEntry("phase", "disabled").containsEntry("reason_code", "not_configured")
                .containsEntry("enabled", false).containsEntry("server", null);
        assertThat(paused.toWire()).containsEntry("phase", "disabled").containsEntry("reason_code", "paused")
                .containsEntry("enabled", false).containsEntry("server", SERVER);
        assertThat(on.toWire()).containsEntry("phase", "idle").containsEntry("reason_code", null)
                .containsEntry("enabled", true).containsEntry("server", SERVER);
    }

    @Test
    void aManualPassWhileServeHoldsTheLeaseLeavesServesRecordAlone() {
        SqliteMemoryStore serve = process(1);
        serve.enroll("alpha");
        AutosyncManager autosync = manager(serve, true);
        autosync.open();
        autosync.step();
        SyncStatus before = readIn(serve, SyncStatusReader.OwnSettings.NONE);

        CycleReport report = manager(process(2), false).syncNow(SyncRequest.FULL, SyncProgress.NONE);

        assertThat(report.leaseHeldByAnother()).isTrue();
        assertThat(readIn(process(3), SyncStatusReader.OwnSettings.NONE).toWire()).isEqualTo(before.toWire());
    }

    @Test
    void aLeaseErrorAtTheStartOfAPassIsARecordedFailureWithItsReasonCode() {
        SqliteMemoryStore store = process(1);
        store.enroll("alpha");
        store.save(NewObservation.of("alpha", "t", "c"));
        store.write(c -> Sql.update(c, "CREATE TRIGGER break_lease BEFORE INSERT ON sync_lease "
                + "BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END"));
        AutosyncManager autosync = manager(store, true);
        autosync.open();

        autosync.step();

        assertLeaseErrorRecorded(autosync);
    }

    @Test
    void aLeaseErrorDuringAPassIsTheSameRecordedFailureNotACrash() {
        SqliteMemoryStore store = process(1);
        store.enroll("alpha");
        store.save(NewObservation.of("alpha", "t", "c"));
        store.write(c -> Sql.update(c, "CREATE TRIGGER break_lease BEFORE INSERT ON sync_lease "
                + "WHEN EXISTS (SELECT 1 FROM sync_lease) BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END"));
        AutosyncManager autosync = manager(store, true);
        autosync.open();

        autosync.step();

        assertLeaseErrorRecorded(autosync);
        store.write(c -> Sql.update(c, "DROP TRIGGER break_lease"));
        clock.set(autosync.status().backoffUntil());
        autosync.step();
        assertThat(readIn(process(3), SyncStatusReader.OwnSettings.NONE).phase()).as("it heals").isEqualTo(Phase.HEALTHY);
    }

    private void assertLeaseErrorRecorded(AutosyncManager autosync) {
        assertThat(events.of(AutosyncEvent.CycleCrashed.class)).isEmpty();
        assertThat(events.of(AutosyncEvent.LeaseError.class)).singleElement()
                .satisfies(e -> assertThat(e.failure().error()).startsWith("sync lease: ").contains("disk I/O error (simulated)"));
        assertThat(events.of(AutosyncEvent.FailureRecorded.class)).singleElement().satisfies(f -> {
            assertThat(f.failure().reason().wire()).isEqualTo("internal_error");
            assertThat(f.consecutiveFailures()).isEqualTo(1);
            assertThat(f.backoffUntil()).isAfter(clock.instant());
        });
        SyncStatus other = readIn(process(2), SyncStatusReader.OwnSettings.NONE);
        for (SyncStatus s : List.of(autosync.status(), other)) {
            assertThat(s.phase()).isEqualTo(Phase.BACKOFF);
            assertThat(s.reasonCode()).isEqualTo("internal_error");
            assertThat(s.lastError()).startsWith("sync lease: ");
            assertThat(s.consecutiveFailures()).isEqualTo(1);
            assertThat(s.backoffUntil()).isAfter(clock.instant());
        }
    }
}
