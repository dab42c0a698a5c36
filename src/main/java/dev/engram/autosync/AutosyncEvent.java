package dev.engram.autosync;

import dev.engram.sync.SyncEvent;
import dev.engram.transport.Failure;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything the autosync manager reports, as typed records: the event catalogue. Events that happen
 * inside a cycle carry its {@code cycleId}; the engine's own events arrive wrapped in {@link InCycle}.
 * {@link LoggingAutosyncListener} maps each to its contract-7 log line; tests assert on the records.
 */
public sealed interface AutosyncEvent {

    record ManagerStarted(String targetKey, Duration pollInterval, Duration debounce, int pushBatch, int pullBatch,
            String leaseOwner) implements AutosyncEvent { }

    record ManagerStopped(String targetKey) implements AutosyncEvent { }

    /** A cycle was due (write, wake or poll) but the backoff after a failure has not passed. */
    record CycleSkippedBackoff(Instant backoffUntil, int consecutiveFailures) implements AutosyncEvent { }

    /**
     * At or over the failure ceiling: no cycle until the backoff passes. {@code firstInWindow} is true
     * once per backoff window (logged at WARN), false for repeats (DEBUG).
     */
    record CycleSkippedMaxFailures(int consecutiveFailures, int max, Instant backoffUntil, boolean firstInWindow)
            implements AutosyncEvent { }

    /** A cycle began (metrics; not logged). */
    record CycleStarted(String cycleId) implements AutosyncEvent { }

    /** The lease could not be read or written; the cycle did nothing and runs again at the next poll. */
    record LeaseError(String cycleId, Failure failure) implements AutosyncEvent { }

    /** Another process syncs this database; this one stays passive. */
    record LeaseHeld(String cycleId, String owner, Instant until) implements AutosyncEvent { }

    /** An event of the sync pass run by cycle {@code cycleId}. */
    record InCycle(String cycleId, SyncEvent event) implements AutosyncEvent { }

    /** The cycle failed: the failure count went up and the next attempt waits until {@code backoffUntil}. */
    record FailureRecorded(String cycleId, Failure failure, int consecutiveFailures, Instant backoffUntil)
            implements AutosyncEvent { }

    /** The first success after start or after a failure. */
    record SyncHealthy(String cycleId, Instant lastSyncAt) implements AutosyncEvent { }

    record CycleComplete(String cycleId, Duration elapsed, boolean ok) implements AutosyncEvent { }

    /** An unexpected exception inside the cycle; it is then recorded as {@code internal_error}. */
    record CycleCrashed(String cycleId, Throwable error) implements AutosyncEvent { }
}
