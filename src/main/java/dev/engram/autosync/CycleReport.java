package dev.engram.autosync;

import dev.engram.sync.SyncResult;
import dev.engram.transport.Failure;

/**
 * How one cycle run by {@link AutosyncManager#syncNow} ended, for {@code engram sync}'s output and exit code.
 *
 * @param result  what the pass returned, or null when it crashed
 * @param failure the classified failure (push, pull, lease or crash), or null
 */
public record CycleReport(String cycleId, SyncResult result, Failure failure) {

    /** Exit 0: the pass ran and everything in it succeeded. */
    public boolean ok() {
        return failure == null && result instanceof SyncResult.Completed;
    }

    /** Another process holds the lease and syncs this database; nothing was done. */
    public boolean leaseHeldByAnother() {
        return result instanceof SyncResult.LeaseHeld;
    }
}
