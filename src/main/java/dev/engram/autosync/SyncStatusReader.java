package dev.engram.autosync;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.LocalSyncState;
import dev.engram.transport.ReasonCode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Reads the status record from the local database alone, so every process shows the same record: the
 * CLI while {@code serve} holds the lease, a second server, a shell without the token in its environment.
 * The fields of the last pass (phase, reason, error, failures, last sync, enabled, server) are what the
 * process that ran it persisted; the rest (backlog, cursor, lease, dead letters, enrolled projects) is
 * read fresh. Only when no pass was ever recorded does the reader's own configuration speak.
 *
 * <p>{@link #compose} is the one place a {@link SyncStatus} is built.
 */
public final class SyncStatusReader {
    private final SqliteMemoryStore store;
    private final InstantSource clock;

    /**
     * How the reading process is configured, for a database where no pass was ever recorded.
     *
     * @param server     the configured server, or null
     * @param configured a server and a token are set
     * @param autosync   autosync is turned on (and configured)
     */
    public record OwnSettings(String server, boolean configured, boolean autosync) {
        /** Nothing configured. */
        public static final OwnSettings NONE = new OwnSettings(null, false, false);

        /** The record of a database without history: disabled ({@code not_configured} or {@code paused}), or idle. */
        StatusStore.Persisted unrecorded() {
            if (!configured) {
                return new StatusStore.Persisted(false, server, Phase.DISABLED, ReasonCode.NOT_CONFIGURED, null, 0, null, null);
            }
            if (!autosync) {
                return new StatusStore.Persisted(false, server, Phase.DISABLED, ReasonCode.PAUSED, null, 0, null, null);
            }
            return new StatusStore.Persisted(true, server, Phase.IDLE, null, null, 0, null, null);
        }
    }

    public SyncStatusReader(SqliteMemoryStore store) {
        this(store, InstantSource.system());
    }

    public SyncStatusReader(SqliteMemoryStore store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The persisted record with fresh local facts; {@code own} speaks only when no pass was ever recorded. */
    public SyncStatus read(OwnSettings own) {
        return compose(StatusStore.find(store).orElseGet(own::unrecorded), LocalSyncState.read(store));
    }

    /** The persisted record with fresh local facts, for a reader that has no configuration of its own. */
    public SyncStatus read() {
        return read(OwnSettings.NONE);
    }

    /** The one constructor of the record: persisted outcome plus local facts, ages taken now. */
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
