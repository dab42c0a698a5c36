package dev.engram.autosync;

import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.ReasonCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The persisted part of the status record (table {@code sync_status}): the outcome of the last pass run
 * on this database, by whichever process ran it (an autosync manager or {@code engram sync}). Every
 * process shows this row; only a process that has never seen one falls back to its own configuration.
 */
final class StatusStore {
    private StatusStore() {
    }

    /**
     * The fields the process that ran the last pass decided.
     *
     * @param enabled whether that process had autosync configured (server, token and autosync on)
     * @param server  the server it synced with (never the token)
     */
    record Persisted(boolean enabled, String server, Phase phase, ReasonCode reason, String lastError,
            int consecutiveFailures, Instant backoffUntil, Instant lastSyncAt) {
        static final Persisted NONE = new Persisted(false, null, Phase.IDLE, null, null, 0, null, null);
    }

    /**
     * Writes {@code p} unless another process holds a live lease (it syncs, so its record is the truth),
     * in one statement so that the check and the write cannot be split by that process.
     *
     * @param writer this process's lease owner id
     * @return true when the row was written
     */
    static boolean save(SqliteMemoryStore store, Persisted p, Instant now, String writer) {
        int written = store.write(c -> Sql.update(c, "INSERT INTO sync_status (id, enabled, server, phase, reason_code, last_error, "
                        + "consecutive_failures, backoff_until, last_sync_at, updated_at) SELECT 1,?,?,?,?,?,?,?,?,? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM sync_lease WHERE owner <> ? AND expires_at > ?) "
                        + "ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, server = excluded.server, phase = excluded.phase, "
                        + "reason_code = excluded.reason_code, last_error = excluded.last_error, "
                        + "consecutive_failures = excluded.consecutive_failures, backoff_until = excluded.backoff_until, "
                        + "last_sync_at = excluded.last_sync_at, updated_at = excluded.updated_at",
                p.enabled() ? 1 : 0, p.server(), p.phase().wire(), p.reason() == null ? null : p.reason().wire(), p.lastError(),
                p.consecutiveFailures(), millis(p.backoffUntil()), millis(p.lastSyncAt()), now.toEpochMilli(),
                writer, now.toEpochMilli()));
        return written > 0;
    }

    /** The persisted record, or empty when no pass was ever recorded in this database. */
    static Optional<Persisted> find(Connection c) throws SQLException {
        return Optional.ofNullable(Sql.one(c, "SELECT enabled, server, phase, reason_code, last_error, consecutive_failures, "
                + "backoff_until, last_sync_at FROM sync_status WHERE id = 1", rs -> new Persisted(rs.getInt(1) != 0,
                rs.getString(2), Phase.fromWire(rs.getString(3)), ReasonCode.fromWire(rs.getString(4)), rs.getString(5),
                rs.getInt(6), instant(rs.getObject(7)), instant(rs.getObject(8)))));
    }

    static Optional<Persisted> find(SqliteMemoryStore store) {
        return store.read(StatusStore::find);
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
