package dev.engram.autosync;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.LocalSyncState;
import dev.engram.transport.ReasonCode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Reads the status record from the local database alone, so any process can show it: the CLI while
 * {@code serve} holds the lease, or a second server. The manager-owned fields come from what the lease
 * holder persisted; the rest (backlog, cursor, lease, dead letters, enrolled projects) is read fresh.
 */
public final class SyncStatusReader {
    private final SqliteMemoryStore store;
    private final InstantSource clock;

    public SyncStatusReader(SqliteMemoryStore store) {
        this(store, InstantSource.system());
    }

    public SyncStatusReader(SqliteMemoryStore store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The record as the last lease holder left it, with fresh local facts. */
    public SyncStatus read() {
        return compose(StatusStore.load(store), LocalSyncState.read(store));
    }

    /** The record when no cloud server or token is configured: phase {@code disabled}, reason {@code not_configured}. */
    public SyncStatus readNotConfigured() {
        return readDisabled(ReasonCode.NOT_CONFIGURED, null);
    }

    /** The record when a server is configured but autosync is turned off: phase {@code disabled}, reason {@code paused}. */
    public SyncStatus readPaused(String server) {
        return readDisabled(ReasonCode.PAUSED, server);
    }

    /**
     * The record for a process whose configuration says sync cannot run: phase {@code disabled} with
     * {@code not_configured} (no server or token) or {@code paused} (autosync turned off), keeping the
     * persisted history (last sync, last error) and the fresh local facts.
     */
    SyncStatus readDisabled(ReasonCode reason, String server) {
        StatusStore.Persisted p = StatusStore.load(store);
        StatusStore.Persisted disabled = new StatusStore.Persisted(false, server, Phase.DISABLED, reason, p.lastError(),
                p.consecutiveFailures(), null, p.lastSyncAt());
        return compose(disabled, LocalSyncState.read(store));
    }

    SyncStatus compose(StatusStore.Persisted p, LocalSyncState local) {
        Long oldestAge = local.oldestPending() == null ? null
                : Math.max(0, Duration.between(local.oldestPending(), clock.instant()).toMillis());
        boolean leaseLive = local.lease() != null && local.lease().activeAt(clock.instant());
        return new SyncStatus(p.enabled(), p.server(), p.phase(), p.reason() == null ? null : p.reason().wire(),
                p.reason() == null ? null : p.reason().advice(), p.lastError(), p.consecutiveFailures(), p.backoffUntil(),
                p.lastSyncAt(), local.pendingCount(), oldestAge, local.lastPulledSeq(), local.serverLatestSeq(),
                leaseLive ? local.lease().owner() : null, leaseLive ? local.lease().until() : null, local.deadCount(), local.outboundDeadCount(),
                local.enrolledProjects());
    }
}
