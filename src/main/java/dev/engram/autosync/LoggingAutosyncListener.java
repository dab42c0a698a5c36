package dev.engram.autosync;

import dev.engram.logging.ComponentLogger;
import dev.engram.sync.SyncEvent;
import dev.engram.transport.Failure;
import dev.engram.transport.FailureClassifier;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one place that writes the autosync log events of contract 7: exact messages, levels and
 * fields, all with {@code component=autosync}, every in-cycle event with its {@code cycle_id}. Values
 * are ids, counts, durations, times, reason codes and one-line errors; never tokens, titles or content.
 */
public final class LoggingAutosyncListener implements AutosyncListener {
    private static final ComponentLogger log = ComponentLogger.of("autosync");

    @Override
    public void on(AutosyncEvent event) {
        switch (event) {
            case AutosyncEvent.ManagerStarted e -> log.atInfo().setMessage("manager started")
                    .addKeyValue("target_key", e.targetKey()).addKeyValue("poll_interval", e.pollInterval())
                    .addKeyValue("push_batch", e.pushBatch()).addKeyValue("pull_batch", e.pullBatch())
                    .addKeyValue("debounce", e.debounce()).addKeyValue("lease_owner", e.leaseOwner()).log();
            case AutosyncEvent.ManagerStopped e -> log.atInfo().setMessage("manager stopped")
                    .addKeyValue("target_key", e.targetKey()).log();
            case AutosyncEvent.CycleSkippedBackoff e -> log.atDebug().setMessage("cycle skipped: backoff active")
                    .addKeyValue("backoff_until", e.backoffUntil()).addKeyValue("consecutive_failures", e.consecutiveFailures()).log();
            case AutosyncEvent.CycleSkippedMaxFailures e -> (e.firstInWindow() ? log.atWarn() : log.atDebug())
                    .setMessage("cycle skipped: max failures").addKeyValue("consecutive_failures", e.consecutiveFailures())
                    .addKeyValue("max", e.max()).addKeyValue("backoff_until", e.backoffUntil()).log();
            case AutosyncEvent.CycleStarted e -> { }
            case AutosyncEvent.LeaseError e -> cycle(log.atWarn(), e.cycleId()).setMessage("lease error")
                    .addKeyValue("error", e.failure().error()).log();
            case AutosyncEvent.LeaseHeld e -> cycle(log.atDebug(), e.cycleId()).setMessage("lease held by another worker")
                    .addKeyValue("lease_owner", e.owner()).addKeyValue("lease_until", e.until()).log();
            case AutosyncEvent.InCycle e -> sync(e.cycleId(), e.event());
            case AutosyncEvent.FailureRecorded e -> cycle(log.atWarn(), e.cycleId()).setMessage("failure recorded")
                    .addKeyValue("error", e.failure().error()).addKeyValue("consecutive_failures", e.consecutiveFailures())
                    .addKeyValue("backoff_until", e.backoffUntil()).addKeyValue("reason_code", e.failure().reason().wire()).log();
            case AutosyncEvent.SyncHealthy e -> cycle(log.atInfo(), e.cycleId()).setMessage("sync healthy")
                    .addKeyValue("last_sync_at", e.lastSyncAt()).log();
            case AutosyncEvent.CycleComplete e -> cycle(log.atDebug(), e.cycleId()).setMessage("cycle complete")
                    .addKeyValue("elapsed", e.elapsed()).addKeyValue("ok", e.ok()).log();
            case AutosyncEvent.CycleCrashed e -> cycle(log.atError(), e.cycleId()).setMessage("cycle crashed")
                    .addKeyValue("error", FailureClassifier.classify(e.error()).error()).setCause(e.error()).log();
        }
    }

    private static void sync(String cycleId, SyncEvent event) {
        switch (event) {
            case SyncEvent.StageStarted e -> { }
            case SyncEvent.PushSkipped e -> cycle(log.atDebug(), cycleId).setMessage("push skipped: nothing pending").log();
            case SyncEvent.Pushing e -> cycle(log.atDebug(), cycleId).setMessage("pushing mutations")
                    .addKeyValue("count", e.count()).log();
            case SyncEvent.ProjectBatchPushed e -> cycle(log.atDebug(), cycleId).setMessage("project batch pushed")
                    .addKeyValue("project", e.project()).addKeyValue("mutations", e.mutations()).log();
            case SyncEvent.PushFailed e -> failed(cycle(log.atWarn(), cycleId).setMessage("push failed"), e.failure(), e.elapsed())
                    .addKeyValue("project", e.project()).log();
            case SyncEvent.PullSkipped e -> cycle(log.atDebug(), cycleId).setMessage("pull skipped: already up to date")
                    .addKeyValue("last_seq", e.lastSeq()).log();
            case SyncEvent.PullComplete e -> cycle(log.atDebug(), cycleId).setMessage("pull complete")
                    .addKeyValue("mutations_applied", e.applied()).addKeyValue("last_seq", e.lastSeq())
                    .addKeyValue("stale", e.stale()).addKeyValue("set_aside", e.setAside())
                    .addKeyValue("server_latest_seq", e.serverLatestSeq()).log();
            case SyncEvent.PullFailed e -> failed(cycle(log.atWarn(), cycleId).setMessage("pull failed"), e.failure(), e.elapsed()).log();
            case SyncEvent.MutationSetAside e -> cycle(log.atWarn(), cycleId).setMessage("pulled mutation set aside")
                    .addKeyValue("seq", e.seq()).addKeyValue("mutation_id", e.mutationId()).addKeyValue("entity", e.entity())
                    .addKeyValue("op", e.op()).addKeyValue("error", Failure.oneLine(e.error())).log();
            case SyncEvent.LocalWriteSetAside e -> cycle(log.atWarn(), cycleId).setMessage("local write set aside")
                    .addKeyValue("project", e.project()).addKeyValue("mutation_id", e.mutationId()).addKeyValue("entity", e.entity())
                    .addKeyValue("field", e.field()).addKeyValue("error", Failure.oneLine(e.error())).log();
            case SyncEvent.ReplicaIdentityRenewed e -> cycle(log.atWarn(), cycleId).setMessage("replica identity renewed")
                    .addKeyValue("previous_replica_id", e.previousReplicaId()).addKeyValue("replica_id", e.replicaId())
                    .addKeyValue("conflicts", e.conflicts()).log();
            case SyncEvent.ServerReset e -> cycle(log.atInfo(), cycleId).setMessage("server reset detected")
                    .addKeyValue("reason", e.reason()).addKeyValue("previous_server_id", e.previousServerId())
                    .addKeyValue("server_id", e.serverId()).addKeyValue("previous_cursor", e.previousCursor())
                    .addKeyValue("server_latest_seq", e.serverLatestSeq()).addKeyValue("requeued", e.requeued()).log();
            case SyncEvent.HistoryRequested e -> cycle(log.atInfo(), cycleId).setMessage("pulling history of new projects")
                    .addKeyValue("projects", String.join(",", e.projects())).addKeyValue("previous_cursor", e.previousCursor()).log();
        }
    }

    private static LoggingEventBuilder cycle(LoggingEventBuilder b, String cycleId) {
        return b.addKeyValue("cycle_id", cycleId);
    }

    private static LoggingEventBuilder failed(LoggingEventBuilder b, Failure failure, java.time.Duration elapsed) {
        return b.addKeyValue("error", failure.error()).addKeyValue("elapsed", elapsed)
                .addKeyValue("reason_code", failure.reason().wire());
    }
}
