package dev.engram.autosync;

import dev.engram.sync.SyncEvent;
import dev.engram.transport.Failure;
import dev.engram.transport.FailureClassifier;
import org.slf4j.event.Level;

/**
 * Which {@link LogEvent} each manager and engine event becomes, with its values: a pure function, so
 * tests render every event without a manager. The switches are exhaustive over the sealed event types,
 * so a new event does not compile until it is given a line here (or declared silent).
 */
public final class LogLines {
    private LogLines() {
    }

    /** The line {@code event} is logged as, or null for the events that are not logged (they feed metrics and status). */
    public static LogEvent.LogLine of(AutosyncEvent event) {
        return switch (event) {
            case AutosyncEvent.ManagerStarted e -> LogEvent.MANAGER_STARTED.line(e.targetKey(), e.pollInterval(), e.pushBatch(),
                    e.pullBatch(), e.debounce(), e.leaseOwner());
            case AutosyncEvent.ManagerStopped e -> LogEvent.MANAGER_STOPPED.line(e.targetKey());
            case AutosyncEvent.CycleSkippedBackoff e -> LogEvent.CYCLE_SKIPPED_BACKOFF.line(e.backoffUntil(), e.consecutiveFailures());
            case AutosyncEvent.CycleSkippedMaxFailures e -> LogEvent.CYCLE_SKIPPED_MAX_FAILURES.lineAt(
                    e.firstInWindow() ? Level.WARN : Level.DEBUG, e.consecutiveFailures(), e.max(), e.backoffUntil());
            case AutosyncEvent.CycleStarted e -> null;
            case AutosyncEvent.LeaseError e -> LogEvent.LEASE_ERROR.line(e.cycleId(), e.failure().error(), e.failure().reason().wire());
            case AutosyncEvent.LeaseHeld e -> LogEvent.LEASE_HELD.line(e.cycleId(), e.owner(), e.until());
            case AutosyncEvent.InCycle e -> of(e.cycleId(), e.event());
            case AutosyncEvent.FailureRecorded e -> LogEvent.FAILURE_RECORDED.line(e.cycleId(), e.failure().error(),
                    e.consecutiveFailures(), e.backoffUntil(), e.failure().reason().wire());
            case AutosyncEvent.SyncHealthy e -> LogEvent.SYNC_HEALTHY.line(e.cycleId(), e.lastSyncAt());
            case AutosyncEvent.CycleComplete e -> LogEvent.CYCLE_COMPLETE.line(e.cycleId(), e.elapsed(), e.ok());
            case AutosyncEvent.CycleCrashed e -> LogEvent.CYCLE_CRASHED.line(e.cycleId(),
                    FailureClassifier.classify(e.error()).error()).withCause(e.error());
        };
    }

    /** The line of an engine event inside cycle {@code cycleId}, or null when it is not logged. */
    static LogEvent.LogLine of(String cycleId, SyncEvent event) {
        return switch (event) {
            case SyncEvent.StageStarted e -> null;
            case SyncEvent.PushSkipped e -> LogEvent.PUSH_SKIPPED.line(cycleId);
            case SyncEvent.Pushing e -> LogEvent.PUSHING.line(cycleId, e.count());
            case SyncEvent.ProjectBatchPushed e -> LogEvent.PROJECT_BATCH_PUSHED.line(cycleId, e.project(), e.mutations());
            case SyncEvent.PushFailed e -> LogEvent.PUSH_FAILED.line(cycleId, e.failure().error(), e.elapsed(),
                    e.failure().reason().wire(), e.project());
            case SyncEvent.PullSkipped e -> LogEvent.PULL_SKIPPED.line(cycleId, e.lastSeq());
            case SyncEvent.PullComplete e -> LogEvent.PULL_COMPLETE.line(cycleId, e.applied(), e.lastSeq(), e.stale(), e.setAside(),
                    e.serverLatestSeq());
            case SyncEvent.PullFailed e -> LogEvent.PULL_FAILED.line(cycleId, e.failure().error(), e.elapsed(),
                    e.failure().reason().wire(), e.applied());
            case SyncEvent.MutationSetAside e -> LogEvent.MUTATION_SET_ASIDE.line(cycleId, e.seq(), e.mutationId(), e.entity(),
                    e.op(), Failure.oneLine(e.error()));
            case SyncEvent.LocalWriteSetAside e -> LogEvent.LOCAL_WRITE_SET_ASIDE.line(cycleId, e.project(), e.mutationId(), e.entity(),
                    Failure.oneLine(e.error()), e.field());
            case SyncEvent.ReplicaIdentityRenewed e -> LogEvent.REPLICA_IDENTITY_RENEWED.line(cycleId, e.previousReplicaId(),
                    e.replicaId(), e.conflicts());
            case SyncEvent.ServerReset e -> LogEvent.SERVER_RESET.line(cycleId, Failure.oneLine(e.reason()), e.serverId(),
                    e.previousServerId(), e.previousCursor(), e.serverLatestSeq(), e.requeued());
            case SyncEvent.HistoryRequested e -> LogEvent.HISTORY_REQUESTED.line(cycleId, String.join(",", e.projects()),
                    e.previousCursor());
        };
    }
}
