package dev.engram.autosync;

import dev.engram.transport.ReasonCode;
import java.time.Instant;

/**
 * Everything the manager decides from, as one immutable value; {@link AutosyncCore} turns one state
 * into the next. Null instants mean "not set".
 *
 * @param nextPollAt       when the next poll-driven cycle is due
 * @param burstStartedAt   the first local write not yet covered by a cycle
 * @param debounceDueAt    when the pending writes should be synced
 * @param wakeRequested    someone asked for a cycle now
 * @param ceilingWarnedFor the backoff window whose max-failures skip was already logged at WARN
 * @param healthy          the last cycle of this process succeeded ({@code sync healthy} is reported on the way in)
 */
record ManagerState(Phase phase, int consecutiveFailures, Instant backoffUntil, ReasonCode reason, String lastError,
        Instant lastSyncAt, Instant nextPollAt, Instant burstStartedAt, Instant debounceDueAt, boolean wakeRequested,
        Instant ceilingWarnedFor, boolean healthy) {

    static ManagerState initial(StatusStore.Persisted persisted, Instant now) {
        return new ManagerState(Phase.IDLE, persisted.consecutiveFailures(), null, persisted.reason(), persisted.lastError(),
                persisted.lastSyncAt(), now, null, null, false, null, false);
    }

    ManagerState withPhase(Phase p) {
        return new ManagerState(p, consecutiveFailures, backoffUntil, reason, lastError, lastSyncAt, nextPollAt,
                burstStartedAt, debounceDueAt, wakeRequested, ceilingWarnedFor, healthy);
    }

    ManagerState withTriggers(Instant poll, Instant burst, Instant debounce, boolean wake) {
        return new ManagerState(phase, consecutiveFailures, backoffUntil, reason, lastError, lastSyncAt, poll, burst,
                debounce, wake, ceilingWarnedFor, healthy);
    }

    ManagerState withCeilingWarnedFor(Instant window) {
        return new ManagerState(phase, consecutiveFailures, backoffUntil, reason, lastError, lastSyncAt, nextPollAt,
                burstStartedAt, debounceDueAt, wakeRequested, window, healthy);
    }

    ManagerState withOutcome(Phase p, int failures, Instant backoff, ReasonCode r, String error, Instant lastSync,
            Instant nextPoll) {
        return new ManagerState(p, failures, backoff, r, error, lastSync, nextPoll, burstStartedAt, debounceDueAt,
                wakeRequested, backoff == null ? null : ceilingWarnedFor, healthy);
    }

    ManagerState withHealthyMark(boolean h) {
        return new ManagerState(phase, consecutiveFailures, backoffUntil, reason, lastError, lastSyncAt, nextPollAt,
                burstStartedAt, debounceDueAt, wakeRequested, ceilingWarnedFor, h);
    }

    boolean backoffActiveAt(Instant now) {
        return backoffUntil != null && now.isBefore(backoffUntil);
    }

    StatusStore.Persisted persisted(boolean enabled, String server) {
        return new StatusStore.Persisted(enabled, server, phase, reason, lastError, consecutiveFailures, backoffUntil, lastSyncAt);
    }
}
