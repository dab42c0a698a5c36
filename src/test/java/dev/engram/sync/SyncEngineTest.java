package dev.engram.sync;

import dev.engram.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncEngineTest {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
    final FakeSyncTransport server = new FakeSyncTransport();
    final RecordingSyncListener events = new RecordingSyncListener();
    final List<SqliteMemoryStore> opened = new ArrayList<>();
    SqliteMemoryStore store;

    @BeforeEach
    void open() {
        store = open("a.db");
    }

    @AfterEach
    void close() {
        opened.forEach(SqliteMemoryStore::close);
    }

    SqliteMemoryStore open(String name) {
        SqliteMemoryStore s = SqliteMemoryStore.openFile(dir.resolve(name), clock, new SplittableRandom(opened.size() + 1));
        opened.add(s);
        return s;
    }

    SyncEngine engine(SqliteMemoryStore s, SyncTransport transport, int pushBatch, int pullBatch) {
        return new SyncEngine(s, transport, new SyncSettings(pushBatch, pullBatch, Duration.ofSeconds(60)), clock, "owner-" + s.replicaId());
    }

    SyncResult.Completed sync(SqliteMemoryStore s, SyncRequest request) {
        return (SyncResult.Completed) engine(s, server, 100, 100).run(request, events, SyncProgress.NONE);
    }

    void save(SqliteMemoryStore s, String project, String title) {
        s.save(NewObservation.of(project, title, "content of " + title));
    }

    @Test
    void pushesPendingRowsInSeqOrderAndAcknowledgesThem() {
        store.enroll("alpha");
        save(store, "alpha", "one");
        save(store, "alpha", "two");
        long pending = store.pendingCount();

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.ok()).isTrue();
        assertThat(result.pushed()).isEqualTo(pending);
        assertThat(store.pendingCount()).isZero();
        List<OutboundMutation> sent = server.pushRequests().getFirst();
        assertThat(sent).extracting(OutboundMutation::mutationId)
                .allMatch(id -> id.startsWith(store.replicaId() + ":"))
                .isSortedAccordingTo((x, y) -> Long.compare(seqOf(x), seqOf(y)));
        assertThat(events.of(SyncEvent.Pushing.class)).containsExactly(new SyncEvent.Pushing(pending));
        assertThat(events.of(SyncEvent.ProjectBatchPushed.class)).containsExactly(new SyncEvent.ProjectBatchPushed("alpha", (int) pending));
    }

    static long seqOf(String mutationId) {
        return Long.parseLong(mutationId.substring(mutationId.indexOf(':') + 1));
    }

    @Test
    void pushesAtMostPushBatchEntriesPerRequest() {
        store.enroll("alpha");
        for (int i = 0; i < 4; i++) {
            save(store, "alpha", "title " + i);
        }
        long pending = store.pendingCount(); // 1 session + 4 observations

        engine(store, server, 2, 100).run(SyncRequest.FULL, events, SyncProgress.NONE);

        assertThat(server.pushRequests()).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(pending).isEqualTo(5);
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void acksOnlyWhenServerAcceptedEveryEntry() {
        store.enroll("alpha");
        save(store, "alpha", "one");
        server.answerNextPush(new PushAck(List.of(1L)));

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.ok()).isFalse();
        assertThat(result.failure().reason()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(result.failure().error()).contains("nothing acknowledged");
        assertThat(store.pendingCount()).isEqualTo(2);
    }

    @Test
    void lostResponseIsResentWithTheSameMutationIdsAndStoredOnce() {
        store.enroll("alpha");
        save(store, "alpha", "one");
        server.loseNextPushResponse();

        SyncResult.Completed first = sync(store, SyncRequest.FULL);
        assertThat(first.failure().reason()).isEqualTo(ReasonCode.TRANSPORT_FAILED);
        assertThat(store.pendingCount()).isEqualTo(2);

        SyncResult.Completed second = sync(store, SyncRequest.FULL);
        assertThat(second.ok()).isTrue();
        assertThat(store.pendingCount()).isZero();
        assertThat(server.stored()).hasSize(2);
        assertThat(server.pushRequests().get(1)).isEqualTo(server.pushRequests().get(0));
    }

    @Test
    void rowsWrittenDuringThePassWaitForTheNextOne() {
        store.enroll("alpha");
        save(store, "alpha", "before");
        SyncTransport writesWhilePushing = new SyncTransport() {
            @Override
            public PushAck push(List<OutboundMutation> batch) {
                save(store, "alpha", "during " + batch.getFirst().mutationId());
                return server.push(batch);
            }

            @Override
            public PullPage pull(long sinceSeq, int limit, long waitMs) {
                return server.pull(sinceSeq, limit, waitMs);
            }
        };

        engine(store, writesWhilePushing, 1, 100).run(SyncRequest.FULL, events, SyncProgress.NONE);

        assertThat(server.pushRequests()).hasSize(2); // the session and "before", one per request
        assertThat(store.pendingCount()).isEqualTo(2); // the two rows written meanwhile
    }

    @Test
    void batchTooLargeForTheServerIsRetriedInHalves() {
        store.enroll("alpha");
        for (int i = 0; i < 3; i++) {
            save(store, "alpha", "big " + i);
        }
        server.failNextPush(TransportException.http(413, "payload_too_large", "POST /sync/mutations/push: 413"));
        server.failNextPush(TransportException.http(413, "payload_too_large", "POST /sync/mutations/push: 413"));

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.ok()).isTrue();
        assertThat(server.pushRequests()).extracting(List::size).containsExactly(4, 2, 1, 1, 1, 1);
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void singleEntryTooLargeIsReportedAndTheRestWaits() {
        store.enroll("alpha");
        save(store, "alpha", "huge");
        for (int i = 0; i < 3; i++) {
            server.failNextPush(TransportException.http(413, "payload_too_large", "POST /sync/mutations/push: 413"));
        }

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.failure().reason()).isEqualTo(ReasonCode.PAYLOAD_TOO_LARGE);
        assertThat(server.pushRequests()).extracting(List::size).containsExactly(2, 1);
        assertThat(store.pendingCount()).isEqualTo(2);
    }

    @Test
    void forbiddenProjectDoesNotStopOtherProjectsNorThePull() {
        store.enroll("alpha");
        store.enroll("beta");
        save(store, "alpha", "secret");
        save(store, "beta", "shared");
        server.forbid("alpha");
        SqliteMemoryStore other = open("b.db");
        other.enroll("gamma");
        save(other, "gamma", "from elsewhere");
        sync(other, SyncRequest.FULL);

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.ok()).isFalse();
        assertThat(result.failedInPush()).isTrue();
        assertThat(result.failure().reason()).isEqualTo(ReasonCode.POLICY_FORBIDDEN);
        assertThat(result.pushFailures()).extracting(SyncResult.ProjectFailure::project).containsExactly("alpha");
        assertThat(result.pullFailure()).isNull();
        assertThat(result.applied()).isEqualTo(2);
        assertThat(store.context("gamma", 10).observations()).extracting(o -> o.title()).containsExactly("from elsewhere");
        assertThat(store.pendingCount()).isEqualTo(2); // alpha's rows wait
        assertThat(server.stored()).extracting(m -> m.project()).doesNotContain("alpha").contains("beta");
    }

    @Test
    void serverWideFailureEndsThePass() {
        store.enroll("alpha");
        store.enroll("beta");
        save(store, "alpha", "one");
        save(store, "beta", "two");
        server.failNextPush(TransportException.http(401, "auth_required", "POST /sync/mutations/push: 401"));

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.failure().reason()).isEqualTo(ReasonCode.AUTH_REQUIRED);
        assertThat(server.pushRequests()).hasSize(1);
        assertThat(server.pullRequests()).isEmpty();
        assertThat(events.of(SyncEvent.PushFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.project()).isEqualTo("alpha"));
    }

    @Test
    void twoReplicasConvergeThroughTheServer() {
        SqliteMemoryStore other = open("b.db");
        store.enroll("alpha");
        other.enroll("alpha");
        save(store, "alpha", "from a");
        save(other, "alpha", "from b");

        sync(store, SyncRequest.FULL);
        sync(other, SyncRequest.FULL);
        SyncResult.Completed last = sync(store, SyncRequest.FULL);

        assertThat(titles(store)).containsExactlyInAnyOrder("from a", "from b");
        assertThat(titles(other)).containsExactlyInAnyOrder("from a", "from b");
        assertThat(last.lastPulledSeq()).isEqualTo(server.latestSeq());
        assertThat(LocalSyncState.read(store).lastPulledSeq()).isEqualTo(server.latestSeq());
        assertThat(store.pendingCount()).isZero();
        assertThat(other.pendingCount()).isZero(); // applying pulled mutations never journals them again
    }

    static List<String> titles(SqliteMemoryStore s) {
        return s.context("alpha", 50).observations().stream().map(o -> o.title()).toList();
    }

    @Test
    void pullsPageAfterPageUntilHasMoreIsFalse() {
        for (int i = 1; i <= 5; i++) {
            server.injectRemote("r-remote:" + i, "alpha", "session", "s" + i, "upsert", sessionJson("s" + i, i));
        }

        SyncResult.Completed result = (SyncResult.Completed) engine(store, server, 100, 2)
                .run(SyncRequest.FULL, events, SyncProgress.NONE);

        assertThat(server.pullRequests()).extracting(FakeSyncTransport.PullRequest::sinceSeq).containsExactly(0L, 2L, 4L);
        assertThat(result.applied()).isEqualTo(5);
        assertThat(result.lastPulledSeq()).isEqualTo(5);
        assertThat(result.serverLatestSeq()).isEqualTo(5);
        assertThat(events.of(SyncEvent.PullComplete.class)).containsExactly(new SyncEvent.PullComplete(5, 0, 0, 5, 5));
    }

    static String sessionJson(String id, int n) {
        return "{\"id\":\"" + id + "\",\"project\":\"alpha\",\"directory\":\"/w\",\"started_at\":\"2026-11-27T05:00:00.000Z\","
                + "\"version\":\"" + new dev.engram.memory.Version(1_790_000_000_000L + n, 0, "r-remote").encode() + "\"}";
    }

    @Test
    void hasMoreWithoutProgressIsAProtocolErrorNotAnEndlessLoop() {
        server.answerNextPull(new PullPage(List.of(), true, 9));

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.pullFailure().reason()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(result.pullFailure().error()).contains("has_more=true without a mutation past 0");
        assertThat(server.pullRequests()).hasSize(1);
        assertThat(events.of(SyncEvent.PullFailed.class)).hasSize(1);
    }

    @Test
    void pageOutOfSeqOrderIsRefusedBeforeAnythingIsApplied() {
        dev.engram.transport.PulledMutation five = new dev.engram.transport.PulledMutation(5, "r-x:5", "alpha", "session", "s5",
                "upsert", sessionJson("s5", 5), null);
        dev.engram.transport.PulledMutation three = new dev.engram.transport.PulledMutation(3, "r-x:3", "alpha", "session", "s3",
                "upsert", sessionJson("s3", 3), null);
        server.answerNextPull(new PullPage(List.of(five, three), false, 5));

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.pullFailure().reason()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(result.pullFailure().error()).contains("out of order");
        assertThat(result.lastPulledSeq()).isZero();
    }

    @Test
    void upToDatePullIsSkipped() {
        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.ok()).isTrue();
        assertThat(events.events()).containsExactly(new SyncEvent.StageStarted(SyncStage.PUSH), new SyncEvent.PushSkipped(),
                new SyncEvent.StageStarted(SyncStage.PULL), new SyncEvent.PullSkipped(0));
    }

    @Test
    void poisonedMutationsAreSetAsideAndTheCursorMovesOn() {
        server.injectRemote("r-x:1", "alpha", "session", "s1", "upsert", "{not json");
        server.injectRemote("r-x:2", "alpha", "widget", "w1", "upsert", "{\"id\":\"w1\"}");
        server.injectRemote("r-x:3", "alpha", "session", "s3", "upsert", "{\"id\":\"s3\"}");
        server.injectRemote("r-x:4", "alpha", "session", "s4", "upsert", sessionJson("s4", 4));

        SyncResult.Completed result = sync(store, SyncRequest.FULL);

        assertThat(result.ok()).isTrue();
        assertThat(result.setAside()).isEqualTo(3);
        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.lastPulledSeq()).isEqualTo(4);
        assertThat(LocalSyncState.read(store).deadCount()).isEqualTo(3);
        assertThat(events.of(SyncEvent.MutationSetAside.class)).extracting(SyncEvent.MutationSetAside::seq).containsExactly(1L, 2L, 3L);
        assertThat(events.of(SyncEvent.MutationSetAside.class)).extracting(SyncEvent.MutationSetAside::error)
                .containsExactly("payload is not valid JSON", "unknown entity widget", events.of(SyncEvent.MutationSetAside.class).get(2).error());
        assertThat(store.getSession("s4").id()).isEqualTo("s4");
        List<String> evidence = store.read(c -> dev.engram.memory.Sql.list(c,
                "SELECT mutation_id || ' ' || payload FROM sync_dead_letters ORDER BY seq", rs -> rs.getString(1)));
        assertThat(evidence).containsExactly("r-x:1 {not json", "r-x:2 {\"id\":\"w1\"}", "r-x:3 {\"id\":\"s3\"}");
    }

    @Test
    void theSameTopicKeyFromTwoReplicasKeepsBothObservations() {
        SqliteMemoryStore other = open("b.db");
        store.enroll("alpha");
        other.enroll("alpha");
        store.save(new NewObservation(null, null, "from a", "a", null, "alpha", null, "topic/x"));
        other.save(new NewObservation(null, null, "from b", "b", null, "alpha", null, "topic/x"));
        sync(store, SyncRequest.FULL);

        SyncResult.Completed result = sync(other, SyncRequest.FULL);

        assertThat(result.ok()).isTrue();
        assertThat(result.setAside()).isZero();
        assertThat(other.stats().observations()).isEqualTo(2);
    }

    @Test
    void mutationBreakingALocalConstraintIsSetAsideInsteadOfWedgingThePull() {
        // A local rule the mutation breaks (here a trigger standing in for any constraint): the engine
        // sets the row aside and moves on instead of retrying that page for ever.
        SqliteMemoryStore other = open("b.db");
        other.write(c -> {
            try (var st = c.createStatement()) {
                st.execute("CREATE TRIGGER reject_poison BEFORE INSERT ON observations WHEN new.title = 'poison' "
                        + "BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: poison'); END");
            }
            return null;
        });
        store.enroll("alpha");
        store.save(new NewObservation(null, null, "poison", "a", null, "alpha", null, null));
        store.save(new NewObservation(null, null, "fine", "b", null, "alpha", null, null));
        sync(store, SyncRequest.FULL);

        SyncResult.Completed result = sync(other, SyncRequest.FULL);

        assertThat(result.ok()).isTrue();
        assertThat(result.setAside()).isEqualTo(1);
        assertThat(result.lastPulledSeq()).isEqualTo(server.latestSeq());
        assertThat(other.stats().observations()).isEqualTo(1);
        assertThat(events.of(SyncEvent.MutationSetAside.class)).singleElement()
                .satisfies(e -> assertThat(e.error()).startsWith("violates a local constraint").contains("UNIQUE"));
    }

    @Test
    void pushOnlyDoesNotPullAndPullOnlyDoesNotPush() {
        store.enroll("alpha");
        save(store, "alpha", "one");

        sync(store, new SyncRequest(SyncRequest.Direction.PULL_ONLY, null));
        assertThat(server.pushRequests()).isEmpty();
        assertThat(server.pullRequests()).hasSize(1);

        sync(store, new SyncRequest(SyncRequest.Direction.PUSH_ONLY, null));
        assertThat(server.pushRequests()).hasSize(1);
        assertThat(server.pullRequests()).hasSize(1);
    }

    @Test
    void projectFilterPushesOnlyThatProject() {
        store.enroll("alpha");
        store.enroll("beta");
        save(store, "alpha", "one");
        save(store, "beta", "two");

        sync(store, new SyncRequest(SyncRequest.Direction.BOTH, "beta"));

        assertThat(server.stored()).extracting(m -> m.project()).containsOnly("beta");
        assertThat(store.pendingCount()).isEqualTo(2);
    }

    @Test
    void projectFilterMustNameAnEnrolledProject() {
        assertThatThrownBy(() -> sync(store, new SyncRequest(SyncRequest.Direction.BOTH, "nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope is not enrolled");
    }

    @Test
    void reportsProgressAfterEachBatchAndPage() {
        store.enroll("alpha");
        for (int i = 0; i < 3; i++) {
            save(store, "alpha", "t" + i);
        }
        List<String> progress = new ArrayList<>();

        engine(store, server, 2, 2).run(SyncRequest.FULL, events, (stage, done, total) -> progress.add(stage + " " + done + "/" + total));

        assertThat(progress).containsExactly("PUSH 2/4", "PUSH 4/4", "PULL 2/4", "PULL 4/4");
    }

    @Test
    void pullFailureKeepsTheCursorAtTheLastAppliedPage() {
        for (int i = 1; i <= 3; i++) {
            server.injectRemote("r-remote:" + i, "alpha", "session", "s" + i, "upsert", sessionJson("s" + i, i));
        }
        SyncTransport failsSecondPage = new SyncTransport() {
            int pulls;

            @Override
            public PushAck push(List<OutboundMutation> batch) {
                return server.push(batch);
            }

            @Override
            public PullPage pull(long sinceSeq, int limit, long waitMs) {
                if (++pulls == 2) {
                    throw TransportException.of(FailureKind.TIMEOUT, "GET /sync/mutations/pull: timed out", null);
                }
                return server.pull(sinceSeq, limit, waitMs);
            }
        };

        SyncResult.Completed result = (SyncResult.Completed) engine(store, failsSecondPage, 100, 2)
                .run(SyncRequest.FULL, events, SyncProgress.NONE);

        assertThat(result.pullFailure().reason()).isEqualTo(ReasonCode.TRANSPORT_FAILED);
        assertThat(result.lastPulledSeq()).isEqualTo(2);
        assertThat(LocalSyncState.read(store).lastPulledSeq()).isEqualTo(2);
    }
}
