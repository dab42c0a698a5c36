package dev.engram.autosync;

import dev.engram.sync.SyncResult;
import dev.engram.transport.Failure;

/**
 * How one cycle run by {@link AutosyncManager#syncNow} ended, for {@code engram sync}'s output and exit code.
 * The convenience accessors give front doors everything as plain values, without touching transport types.
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

    /** The failure's reason code as the contract spells it ({@code auth_required}...), or null. */
    public String reasonCode() {
        return failure == null ? null : failure.reason().wire();
    }

    /** One sentence: what is wrong and what to do; or null. */
    public String reasonMessage() {
        return failure == null ? null : failure.reason().advice();
    }

    /** The one-line error, or null. */
    public String error() {
        return failure == null ? null : failure.error();
    }

    /** Journal rows the server acknowledged in this cycle. */
    public int pushed() {
        return result instanceof SyncResult.Completed done ? done.pushed() : 0;
    }

    /** Pulled mutations that changed local state in this cycle. */
    public int applied() {
        return result instanceof SyncResult.Completed done ? done.applied() : 0;
    }

    /** Pulled mutations set aside as dead letters in this cycle. */
    public int setAside() {
        return result instanceof SyncResult.Completed done ? done.setAside() : 0;
    }
}
