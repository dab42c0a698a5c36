package dev.engram.autosync;

import dev.engram.sync.SyncResult;
import dev.engram.sync.SyncStage;
import dev.engram.transport.Failure;
import dev.engram.transport.FailureClassifier;
import dev.engram.transport.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Every decision of the manager, as pure functions of (state, now): when a cycle is due, what a finished
 * cycle does to the state, and which events that produces. No clock, no thread, no I/O: the owner thread
 * in {@link AutosyncManager} feeds it the time and the results, and does what it says.
 *
 * <p>A cycle is due when someone asked ({@link #wake}), when local writes have settled for the debounce
 * ({@link #localWrite}), when the poll interval has passed, or when the backoff after a failure has
 * passed. While a backoff is active, due cycles are skipped (and reported); at or over the failure
 * ceiling the skip is reported at WARN once per backoff window. Retries never stop.
 */
final class AutosyncCore {
    enum Action { RUN_CYCLE, WAIT }

    /** What {@link #tick} decided: the next state, what to do, how long to wait before the next tick, what to report. */
    record Decision(ManagerState next, Action action, Duration delay, List<AutosyncEvent> events) { }

    /** A state change and what it reports. */
    record Transition(ManagerState next, List<AutosyncEvent> events) { }

    private final AutosyncConfig config;

    AutosyncCore(AutosyncConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A local write at {@code at}: sync once writes settle, and no later than {@code MAX_DEBOUNCE_FACTOR} debounces after the first. */
    ManagerState localWrite(ManagerState s, Instant at) {
        Instant burst = s.burstStartedAt() == null ? at : s.burstStartedAt();
        Instant due = earliest(at.plus(config.debounce()), burst.plus(config.maxDebounce()));
        return s.withTriggers(s.nextPollAt(), burst, due, s.wakeRequested());
    }

    /** Someone asked for a cycle now (another process wrote, the server announced news, a user asked). */
    ManagerState wake(ManagerState s) {
        return s.withTriggers(s.nextPollAt(), s.burstStartedAt(), s.debounceDueAt(), true);
    }

    Decision tick(ManagerState s, Instant now) {
        boolean triggered = s.wakeRequested() || reached(s.debounceDueAt(), now) || reached(s.nextPollAt(), now);
        if (s.backoffActiveAt(now)) {
            return skip(s, now, triggered);
        }
        boolean retryDue = s.backoffUntil() != null;
        if (triggered || retryDue) {
            // The cycle covers every trigger so far; the backoff window, if any, is over.
            ManagerState next = s.withTriggers(now.plus(config.pollInterval()), null, null, false)
                    .withOutcome(s.phase(), s.consecutiveFailures(), null, s.reason(), s.lastError(), s.lastSyncAt(),
                            now.plus(config.pollInterval()));
            return new Decision(next, Action.RUN_CYCLE, Duration.ZERO, List.of());
        }
        return new Decision(s, Action.WAIT, until(earliest(s.nextPollAt(), s.debounceDueAt()), now), List.of());
    }

    private Decision skip(ManagerState s, Instant now, boolean triggered) {
        List<AutosyncEvent> events = new ArrayList<>();
        ManagerState next = s;
        boolean ceiling = s.consecutiveFailures() >= config.maxFailures();
        if (ceiling && !s.backoffUntil().equals(s.ceilingWarnedFor())) {
            events.add(new AutosyncEvent.CycleSkippedMaxFailures(s.consecutiveFailures(), config.maxFailures(), s.backoffUntil(), true));
            next = next.withCeilingWarnedFor(s.backoffUntil());
        } else if (triggered && ceiling) {
            events.add(new AutosyncEvent.CycleSkippedMaxFailures(s.consecutiveFailures(), config.maxFailures(), s.backoffUntil(), false));
        } else if (triggered) {
            events.add(new AutosyncEvent.CycleSkippedBackoff(s.backoffUntil(), s.consecutiveFailures()));
        }
        if (triggered) {
            // The retry at the end of the backoff covers what asked for this cycle.
            next = next.withTriggers(now.plus(config.pollInterval()), null, null, false);
        }
        Instant wakeAt = earliest(next.backoffUntil(), earliest(next.nextPollAt(), next.debounceDueAt()));
        return new Decision(next, Action.WAIT, until(wakeAt, now), List.copyOf(events));
    }

    /** The pass entered a stage. */
    ManagerState stageStarted(ManagerState s, SyncStage stage) {
        return s.withPhase(stage == SyncStage.PUSH ? Phase.PUSHING : Phase.PULLING);
    }

    /** The server was reset or replaced: while the replica catches up from 0 the record says so (contract 8.5). */
    ManagerState serverReset(ManagerState s) {
        return s.withOutcome(Phase.PULLING, s.consecutiveFailures(), s.backoffUntil(), ReasonCode.SERVER_RESET, s.lastError(),
                s.lastSyncAt(), s.nextPollAt());
    }

    Transition completed(ManagerState s, String cycleId, Instant now, SyncResult.Completed result, RandomGenerator random) {
        List<AutosyncEvent> events = new ArrayList<>();
        ManagerState next;
        if (result.ok()) {
            if (!s.healthy()) {
                events.add(new AutosyncEvent.SyncHealthy(cycleId, now));
            }
            // Without autosync nothing syncs until the next 'engram sync': the record says so (paused).
            next = config.autosync()
                    ? s.withOutcome(Phase.HEALTHY, 0, null, null, null, now, now.plus(config.pollInterval()))
                    : s.withOutcome(Phase.DISABLED, 0, null, ReasonCode.PAUSED, null, now, now.plus(config.pollInterval()));
        } else {
            Phase phase = result.failedInPush() ? Phase.PUSH_FAILED : Phase.PULL_FAILED;
            next = fail(s, cycleId, now, result.failure(), phase, random, events);
        }
        events.add(new AutosyncEvent.CycleComplete(cycleId, result.elapsed(), result.ok()));
        return new Transition(next.withHealthyMark(result.ok()), List.copyOf(events));
    }

    Transition leaseHeld(ManagerState s, String cycleId, SyncResult.LeaseHeld held) {
        return new Transition(s, List.of(new AutosyncEvent.LeaseHeld(cycleId, held.owner(), held.until())));
    }

    /** The lease could not be read or written: a failure like any other, recorded with its reason and backed off. */
    Transition leaseError(ManagerState s, String cycleId, Instant now, SyncResult.LeaseError error, RandomGenerator random) {
        List<AutosyncEvent> events = new ArrayList<>();
        events.add(new AutosyncEvent.LeaseError(cycleId, error.failure()));
        ManagerState next = fail(s, cycleId, now, error.failure(), Phase.BACKOFF, random, events);
        return new Transition(next.withHealthyMark(false), List.copyOf(events));
    }

    /** An unexpected exception escaped the pass: report it once with its stack, then back off as for any failure. */
    Transition crashed(ManagerState s, String cycleId, Instant now, Throwable error, RandomGenerator random) {
        List<AutosyncEvent> events = new ArrayList<>();
        events.add(new AutosyncEvent.CycleCrashed(cycleId, error));
        ManagerState next = fail(s, cycleId, now, FailureClassifier.classify(error), Phase.BACKOFF, random, events);
        return new Transition(next.withHealthyMark(false), List.copyOf(events));
    }

    private ManagerState fail(ManagerState s, String cycleId, Instant now, Failure failure, Phase phase, RandomGenerator random,
            List<AutosyncEvent> events) {
        int failures = s.consecutiveFailures() + 1;
        // Without autosync no retry is scheduled: the next attempt is the user's next 'engram sync'.
        Instant backoffUntil = config.autosync() ? now.plus(config.backoff().delay(failures, random)) : null;
        events.add(new AutosyncEvent.FailureRecorded(cycleId, failure, failures, backoffUntil));
        return s.withOutcome(phase, failures, backoffUntil, failure.reason(), failure.error(), s.lastSyncAt(),
                now.plus(config.pollInterval()));
    }

    private static boolean reached(Instant at, Instant now) {
        return at != null && !now.isBefore(at);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Duration until(Instant at, Instant now) {
        if (at == null) {
            return Duration.ofDays(1);
        }
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
