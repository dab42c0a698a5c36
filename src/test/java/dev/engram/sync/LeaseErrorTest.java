package dev.engram.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.testing.MutableClock;
import dev.engram.transport.FailureKind;
import dev.engram.transport.FakeSyncTransport;
import dev.engram.transport.OutboundMutation;
import dev.engram.transport.PullPage;
import dev.engram.transport.PushAck;
import dev.engram.transport.ReasonCode;
import dev.engram.transport.SyncTransport;
import dev.engram.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lease that cannot be written (a failing local database, here a trigger on a real SQLite file) ends
 * the pass as {@link SyncResult.LeaseError} with a reason code, at its start and in its middle alike;
 * and a pull that fails on a later page still reports what the earlier pages applied.
 */
class LeaseErrorTest {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
    final FakeSyncTransport server = new FakeSyncTransport();
    final RecordingSyncListener events = new RecordingSyncListener();
    SqliteMemoryStore store;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.openFile(dir.resolve("a.db"), clock, new SplittableRandom(1));
        store.enroll("alpha");
    }

    @AfterEach
    void close() {
        store.close();
    }

    SyncResult run(SyncTransport transport, int pushBatch, int pullBatch) {
        return new SyncEngine(store, transport, new SyncSettings(pushBatch, pullBatch, Duration.ofSeconds(60)), clock, "owner-a")
                .run(SyncRequest.FULL, events, SyncProgress.NONE);
    }

    /** Every write of the lease fails from now on, as a full disk or a read-only file would make it. */
    void breakLeaseWrites(String when) {
        store.write(c -> Sql.update(c, "CREATE TRIGGER break_lease BEFORE INSERT ON sync_lease " + when
                + " BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END"));
    }

    @Test
    void aLeaseThatCannotBeTakenEndsThePassAsALeaseErrorWithItsReasonAndSyncsNothing() {
        store.save(NewObservation.of("alpha", "t", "c"));
        breakLeaseWrites("");

        SyncResult result = run(server, 100, 100);

        assertThat(result).isInstanceOfSatisfying(SyncResult.LeaseError.class, e -> {
            assertThat(e.failure().reason()).isEqualTo(ReasonCode.INTERNAL_ERROR);
            assertThat(e.failure().error()).startsWith("sync lease: ").contains("disk I/O error (simulated)");
        });
        assertThat(server.pushRequests()).isEmpty();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aLeaseThatCannotBeRenewedDuringThePassIsTheSameLeaseErrorNotACrash() {
        store.save(NewObservation.of("alpha", "t", "c"));
        breakLeaseWrites("WHEN EXISTS (SELECT 1 FROM sync_lease)"); // taking it works, renewing it fails

        SyncResult result = run(server, 100, 100);

        assertThat(result).isInstanceOfSatisfying(SyncResult.LeaseError.class, e -> {
            assertThat(e.failure().reason()).isEqualTo(ReasonCode.INTERNAL_ERROR);
            assertThat(e.failure().error()).startsWith("sync lease: ").contains("disk I/O error (simulated)");
        });
        assertThat(server.pushRequests()).as("the pass stopped before its first batch").isEmpty();
        assertThat(store.pendingCount()).as("the save and its session wait").isEqualTo(2);
    }

    @Test
    void aPullFailingOnALaterPageReportsWhatTheEarlierPagesApplied() {
        for (int i = 1; i <= 3; i++) {
            server.injectRemote("r-remote:" + i, "alpha", "session", "s" + i, "upsert", SyncEngineTest.sessionJson("s" + i, i));
        }
        SyncTransport failsSecondPage = new SyncTransport() {
            int pulls;

            @Override
            public PushAck push(List<OutboundMutation> batch) {
                return server.push(batch);
            }

            @Override
            public synchronized PullPage pull(long sinceSeq, int limit, long waitMs) {
                if (++pulls == 2) {
                    throw TransportException.of(FailureKind.TIMEOUT, "GET /sync/mutations/pull: timed out", null);
                }
                return server.pull(sinceSeq, limit, waitMs);
            }
        };

        SyncResult.Completed result = (SyncResult.Completed) run(failsSecondPage, 100, 2);

        assertThat(result.applied()).isEqualTo(2);
        assertThat(events.of(SyncEvent.PullFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.applied()).as("applied before the failed page").isEqualTo(2));
    }
}
