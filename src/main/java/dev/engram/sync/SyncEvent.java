package dev.engram.sync;

import dev.engram.transport.Failure;
import java.time.Duration;
import java.time.Instant;

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

    /** A pulled mutation could not be applied; it went to the dead letters and the cursor moved past it. */
    record MutationSetAside(long seq, String mutationId, String entity, String op, String error, Instant at) implements SyncEvent { }
}
