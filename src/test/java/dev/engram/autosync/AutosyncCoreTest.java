package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.sync.SyncResult;
import dev.engram.sync.SyncSettings;
import dev.engram.sync.SyncStage;
import dev.engram.transport.Failure;
import dev.engram.transport.FailureClassifier;
import dev.engram.transport.ReasonCode;
import dev.engram.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The manager's decisions, with time passed in by hand: no clock, no thread, no database. */
class AutosyncCoreTest {
    static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    final AutosyncConfig config = new AutosyncConfig("https://cloud.example", Duration.ofSeconds(30), Duration.ofMillis(500),
            SyncSettings.DEFAULTS, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), 3);
    final AutosyncCore core = new AutosyncCore(config);
    final SplittableRandom random = new SplittableRandom(1);

    ManagerState fresh() {
        return ManagerState.initial(StatusStore.Persisted.NONE, T0);
    }

    static SyncResult.Completed ok() {
        return new SyncResult.Completed(1, 1, 0, 0, 1, 1L, List.of(), null, Duration.ofMillis(12));
    }

    static Failure failure(int status) {
        return FailureClassifier.classify(TransportException.http(status, null, "HTTP " + status));
    }

    static SyncResult.Completed pullFailed(int status) {
        return new SyncResult.Completed(0, 0, 0, 0, 0, null, List.of(), failure(status), Duration.ofMillis(12));
    }

    static SyncResult.Completed pushFailed(int status) {
        return new SyncResult.Completed(0, 0, 0, 0, 0, 1L, List.of(new SyncResult.ProjectFailure("alpha", failure(status))),
                null, Duration.ofMillis(12));
    }

    /** Runs the tick at {@code now}, expecting a cycle, and applies {@code result}. */
    ManagerState cycle(ManagerState s, Instant now, SyncResult.Completed result, List<AutosyncEvent> events) {
        AutosyncCore.Decision d = core.tick(s, now);
        assertThat(d.action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
        AutosyncCore.Transition t = core.completed(d.next(), "c-1", now, result, random);
        events.addAll(t.events());
        return t.next();
    }

    @Test
    void firstTickRunsACycleAtOnce() {
        assertThat(core.tick(fresh(), T0).action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
    }

    @Test
    void healthyManagerWaitsForThePollInterval() {
        ManagerState s = cycle(fresh(), T0, ok(), new java.util.ArrayList<>());

        AutosyncCore.Decision d = core.tick(s, T0.plusSeconds(10));

        assertThat(d.action()).isEqualTo(AutosyncCore.Action.WAIT);
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.events()).isEmpty();
        assertThat(core.tick(s, T0.plusSeconds(30)).action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
    }

    @Test
    void burstOfWritesIsCoalescedIntoOneCycleAfterTheDebounce() {
        ManagerState s = cycle(fresh(), T0, ok(), new java.util.ArrayList<>());
        s = core.localWrite(s, T0.plusMillis(1_000));
        s = core.localWrite(s, T0.plusMillis(1_100));
        s = core.localWrite(s, T0.plusMillis(1_200));

        AutosyncCore.Decision early = core.tick(s, T0.plusMillis(1_300));
        assertThat(early.action()).isEqualTo(AutosyncCore.Action.WAIT);
        assertThat(early.delay()).isEqualTo(Duration.ofMillis(400));

        AutosyncCore.Decision due = core.tick(early.next(), T0.plusMillis(1_700));
        assertThat(due.action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
        assertThat(core.tick(due.next(), T0.plusMillis(1_701)).action()).isEqualTo(AutosyncCore.Action.WAIT);
    }

    @Test
    void endlessWritesStillSyncWithinTenDebounces() {
        ManagerState s = cycle(fresh(), T0, ok(), new java.util.ArrayList<>());
        Instant first = T0.plusSeconds(1);
        for (int i = 0; i <= 60; i++) {
            s = core.localWrite(s, first.plusMillis(100L * i));
        }
        assertThat(core.tick(s, first.plusMillis(4_999)).action()).isEqualTo(AutosyncCore.Action.WAIT);
        assertThat(core.tick(s, first.plusMillis(5_000)).action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
    }

    @Test
    void wakeRunsACycleNow() {
        ManagerState s = cycle(fresh(), T0, ok(), new java.util.ArrayList<>());

        assertThat(core.tick(core.wake(s), T0.plusSeconds(1)).action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
    }

    @Test
    void healthyIsReportedOnlyOnTheWayIn() {
        List<AutosyncEvent> events = new java.util.ArrayList<>();
        ManagerState s = cycle(fresh(), T0, ok(), events);
        s = cycle(s, T0.plusSeconds(30), ok(), events);

        assertThat(events).filteredOn(AutosyncEvent.SyncHealthy.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(AutosyncEvent.CycleComplete.class::isInstance).hasSize(2);
        assertThat(s.phase()).isEqualTo(Phase.HEALTHY);
        assertThat(s.lastSyncAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void stagesMoveThePhase() {
        assertThat(core.stageStarted(fresh(), SyncStage.PUSH).phase()).isEqualTo(Phase.PUSHING);
        assertThat(core.stageStarted(fresh(), SyncStage.PULL).phase()).isEqualTo(Phase.PULLING);
    }

    @Test
    void pushAndPullFailuresHaveTheirPhasesAndBackOff() {
        List<AutosyncEvent> events = new java.util.ArrayList<>();
        ManagerState s = cycle(fresh(), T0, pushFailed(403), events);

        assertThat(s.phase()).isEqualTo(Phase.PUSH_FAILED);
        assertThat(s.reason()).isEqualTo(ReasonCode.POLICY_FORBIDDEN);
        assertThat(s.consecutiveFailures()).isEqualTo(1);
        assertThat(s.backoffUntil()).isBetween(T0.plusMillis(750), T0.plusMillis(1250));
        assertThat(events.getFirst()).isInstanceOfSatisfying(AutosyncEvent.FailureRecorded.class,
                e -> assertThat(e.consecutiveFailures()).isEqualTo(1));

        s = cycle(s, s.backoffUntil(), pullFailed(503), events);
        assertThat(s.phase()).isEqualTo(Phase.PULL_FAILED);
        assertThat(s.reason()).isEqualTo(ReasonCode.SERVER_ERROR);
        assertThat(s.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void dueCyclesAreSkippedDuringBackoffAndTheRetryComesAtItsEnd() {
        ManagerState s = cycle(fresh(), T0, pullFailed(503), new java.util.ArrayList<>());
        Instant retry = s.backoffUntil();

        AutosyncCore.Decision quiet = core.tick(s, T0.plusMillis(100));
        assertThat(quiet.action()).isEqualTo(AutosyncCore.Action.WAIT);
        assertThat(quiet.events()).isEmpty();
        assertThat(quiet.delay()).isEqualTo(Duration.between(T0.plusMillis(100), retry));

        AutosyncCore.Decision woken = core.tick(core.localWrite(quiet.next(), T0.plusMillis(100)), T0.plusMillis(700));
        assertThat(woken.action()).isEqualTo(AutosyncCore.Action.WAIT);
        assertThat(woken.events()).containsExactly(new AutosyncEvent.CycleSkippedBackoff(retry, 1));

        AutosyncCore.Decision atEnd = core.tick(woken.next(), retry);
        assertThat(atEnd.action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
        assertThat(atEnd.next().backoffUntil()).isNull();
        assertThat(atEnd.next().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void atTheCeilingItWarnsOncePerBackoffWindowAndKeepsRetrying() {
        ManagerState s = fresh();
        Instant now = T0;
        List<AutosyncEvent> events = new java.util.ArrayList<>();
        Instant failedAt = T0;
        for (int i = 0; i < 3; i++) {
            failedAt = now;
            s = cycle(s, now, pullFailed(503), events);
            now = s.backoffUntil();
        }
        Instant window = s.backoffUntil();

        AutosyncCore.Decision first = core.tick(s, failedAt);
        AutosyncCore.Decision repeat = core.tick(core.wake(first.next()), failedAt.plusMillis(1));
        AutosyncCore.Decision quiet = core.tick(repeat.next(), failedAt.plusMillis(2));

        assertThat(first.events()).containsExactly(new AutosyncEvent.CycleSkippedMaxFailures(3, 3, window, true));
        assertThat(repeat.events()).containsExactly(new AutosyncEvent.CycleSkippedMaxFailures(3, 3, window, false));
        assertThat(quiet.events()).isEmpty();

        ManagerState afterRetry = cycle(quiet.next(), window, pullFailed(503), events);
        AutosyncCore.Decision nextWindow = core.tick(afterRetry, window.plusMillis(1));
        assertThat(nextWindow.events()).containsExactly(
                new AutosyncEvent.CycleSkippedMaxFailures(4, 3, afterRetry.backoffUntil(), true));
        assertThat(Duration.between(window, afterRetry.backoffUntil())).isLessThanOrEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void successResetsEverything() {
        List<AutosyncEvent> events = new java.util.ArrayList<>();
        ManagerState s = cycle(fresh(), T0, ok(), events);
        s = cycle(s, T0.plusSeconds(30), pushFailed(401), events);
        events.clear();

        s = cycle(s, s.backoffUntil(), ok(), events);

        assertThat(s.phase()).isEqualTo(Phase.HEALTHY);
        assertThat(s.consecutiveFailures()).isZero();
        assertThat(s.backoffUntil()).isNull();
        assertThat(s.reason()).isNull();
        assertThat(s.lastError()).isNull();
        assertThat(s.ceilingWarnedFor()).isNull();
        assertThat(events.getFirst()).isInstanceOf(AutosyncEvent.SyncHealthy.class);
    }

    @Test
    void crashIsReportedOnceAndRecordedAsInternalError() {
        AutosyncCore.Decision d = core.tick(fresh(), T0);
        IllegalStateException bug = new IllegalStateException("boom");

        AutosyncCore.Transition t = core.crashed(d.next(), "c-9", T0, bug, random);

        assertThat(t.events()).hasSize(2);
        assertThat(t.events().get(0)).isEqualTo(new AutosyncEvent.CycleCrashed("c-9", bug));
        assertThat(t.events().get(1)).isInstanceOfSatisfying(AutosyncEvent.FailureRecorded.class,
                e -> assertThat(e.failure().reason()).isEqualTo(ReasonCode.INTERNAL_ERROR));
        assertThat(t.next().phase()).isEqualTo(Phase.BACKOFF);
        assertThat(t.next().backoffUntil()).isAfter(T0);
        assertThat(core.tick(t.next(), t.next().backoffUntil()).action()).isEqualTo(AutosyncCore.Action.RUN_CYCLE);
    }

    @Test
    void leaseHeldElsewhereChangesNothingButIsReported() {
        ManagerState s = core.tick(fresh(), T0).next();

        AutosyncCore.Transition t = core.leaseHeld(s, "c-2", new SyncResult.LeaseHeld("pid-1-aa", T0.plusSeconds(60)));

        assertThat(t.next()).isEqualTo(s);
        assertThat(t.events()).containsExactly(new AutosyncEvent.LeaseHeld("c-2", "pid-1-aa", T0.plusSeconds(60)));
        assertThat(core.tick(t.next(), T0.plusSeconds(1)).action()).isEqualTo(AutosyncCore.Action.WAIT);
    }
}
