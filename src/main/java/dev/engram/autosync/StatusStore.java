package dev.engram.autosync;

import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.ReasonCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The persisted part of the status record (table {@code sync_status}), written by the lease holder. */
final class StatusStore {
    private StatusStore() {
    }

    /** The manager-owned fields of the record. */
    record Persisted(boolean enabled, String server, Phase phase, ReasonCode reason, String lastError,
            int consecutiveFailures, Instant backoffUntil, Instant lastSyncAt) {
        static final Persisted NONE = new Persisted(false, null, Phase.IDLE, null, null, 0, null, null);
    }

    static void save(SqliteMemoryStore store, Persisted p, Instant now) {
        store.write(c -> Sql.update(c, "INSERT INTO sync_status (id, enabled, server, phase, reason_code, last_error, "
                        + "consecutive_failures, backoff_until, last_sync_at, updated_at) VALUES (1,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, server = excluded.server, phase = excluded.phase, "
                        + "reason_code = excluded.reason_code, last_error = excluded.last_error, "
                        + "consecutive_failures = excluded.consecutive_failures, backoff_until = excluded.backoff_until, "
                        + "last_sync_at = excluded.last_sync_at, updated_at = excluded.updated_at",
                p.enabled() ? 1 : 0, p.server(), p.phase().wire(), p.reason() == null ? null : p.reason().wire(), p.lastError(),
                p.consecutiveFailures(), millis(p.backoffUntil()), millis(p.lastSyncAt()), now.toEpochMilli()));
    }

    static Persisted load(Connection c) throws SQLException {
        Persisted p = Sql.one(c, "SELECT enabled, server, phase, reason_code, last_error, consecutive_failures, backoff_until, "
                + "last_sync_at FROM sync_status WHERE id = 1", rs -> new Persisted(rs.getInt(1) != 0, rs.getString(2),
                Phase.fromWire(rs.getString(3)), ReasonCode.fromWire(rs.getString(4)), rs.getString(5), rs.getInt(6),
                instant(rs.getObject(7)), instant(rs.getObject(8))));
        return p == null ? Persisted.NONE : p;
    }

    static Persisted load(SqliteMemoryStore store) {
        return store.read(StatusStore::load);
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
