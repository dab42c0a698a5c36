package dev.engram.sync;

import dev.engram.transport.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happens inside one pass, as typed records: the catalogue of the engine's events. The autosync
 * manager tags them with its cycle id; the logging listener turns them into contract-7 log lines.
 */
public sealed interface SyncEvent {

    /** The pass starts a stage (the status phase becomes pushing or pulling). */
    record StageStarted(SyncStage stage) implements SyncEvent { }

    /** No journal row to push for the requested projects. */
    record PushSkipped() implements SyncEvent { }

    /** {@code count} journal rows (snapshot at the start of the pass) are about to be pushed. */
    record Pushing(long count) implements SyncEvent { }

    /** The server accepted every entry of one batch of {@code project}; its rows were acknowledged. */
    record ProjectBatchPushed(String project, int mutations) implements SyncEvent { }

    /** A push request of {@code project} failed; nothing of that batch was acknowledged. */
    record PushFailed(String project, Failure failure, Duration elapsed) implements SyncEvent { }

    /** The server had nothing newer than the cursor. */
    record PullSkipped(long lastSeq) implements SyncEvent { }

    /** The pull reached the end; {@code applied} mutations changed local state. */
    record PullComplete(int applied, int stale, int setAside, long lastSeq, long serverLatestSeq) implements SyncEvent { }

    /**
     * A pull request failed, or its answer broke the protocol. The cursor stays at the last applied page;
     * {@code applied} mutations of the pages before it changed local state in this pass.
     */
    record PullFailed(Failure failure, Duration elapsed, int applied) implements SyncEvent { }

    /**
     * The server refused one entry of a push ({@code details[].index} of a 400, or a 409 that persists under a
     * new identity): its journal row went to the outbound dead letters and the rest of the project flows on.
     */
    record LocalWriteSetAside(String project, String mutationId, String entity, String field, String error) implements SyncEvent { }

    /**
     * The server holds other writes under this replica's mutation ids (409 {@code mutation_conflict}): this
     * database was copied or restored from a backup. It took a new replica id; its pending rows are pushed
     * under it, and what the old id pushed is pulled back like anyone else's writes.
     */
    record ReplicaIdentityRenewed(String previousReplicaId, String replicaId, int conflicts) implements SyncEvent { }

    /**
     * The cursor belonged to another server, or to this one before a reset or restore ({@code reason} says which):
     * the replica pulls again from seq 0 and journals its enrolled projects again so the server gets them back.
     */
    record ServerReset(String reason, String previousServerId, String serverId, long previousCursor, long serverLatestSeq,
            int requeued) implements SyncEvent { }

    /** Projects enrolled since the last complete pull: the cursor went back to 0 so they get their history. */
    record HistoryRequested(List<String> projects, long previousCursor) implements SyncEvent {
        public HistoryRequested {
            projects = List.copyOf(projects);
        }
    }

    /** A pulled mutation could not be applied; it went to the dead letters and the cursor moved past it. */
    record MutationSetAside(long seq, String mutationId, String entity, String op, String error, Instant at) implements SyncEvent { }
}
