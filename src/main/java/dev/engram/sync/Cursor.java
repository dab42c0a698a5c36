package dev.engram.sync;

import dev.engram.memory.Sql;
import java.sql.Connection;
import java.sql.SQLException;

/** The pull cursor (table {@code sync_cursor}): read it, and advance it inside the apply transaction. */
final class Cursor {
    private Cursor() {
    }

    record Position(long lastPulledSeq, Long serverLatestSeq) {
        static final Position START = new Position(0, null);
    }

    static Position read(Connection c) throws SQLException {
        Position p = Sql.one(c, "SELECT last_pulled_seq, server_latest_seq FROM sync_cursor WHERE id = 1", rs -> {
            long last = rs.getLong(1);
            long latest = rs.getLong(2);
            return new Position(last, rs.wasNull() ? null : latest);
        });
        return p == null ? Position.START : p;
    }

    static void advance(Connection c, long lastPulledSeq, long serverLatestSeq, long nowMillis) throws SQLException {
        Sql.update(c, "INSERT INTO sync_cursor (id, last_pulled_seq, server_latest_seq, updated_at) VALUES (1, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET last_pulled_seq = max(sync_cursor.last_pulled_seq, excluded.last_pulled_seq), "
                + "server_latest_seq = excluded.server_latest_seq, updated_at = excluded.updated_at",
                lastPulledSeq, serverLatestSeq, nowMillis);
    }
}
