package dev.engram.sync;

import dev.engram.memory.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The pull cursor (table {@code sync_cursor}): read it, advance it inside the apply transaction, and
 * know which server it belongs to and which projects' history it covers (table {@code sync_pulled_projects}).
 */
final class Cursor {
    private Cursor() {
    }

    /** @param serverId the id of the server the cursor counts in, or null before the first answer that named one */
    record Position(long lastPulledSeq, Long serverLatestSeq, String serverId) {
        static final Position START = new Position(0, null, null);

        /**
         * Why this cursor cannot be used against a server that answered {@code latestSeq} and {@code serverId},
         * or null when it can. A server that names no id can only be judged by its latest seq.
         */
        String staleAgainst(String answeredServerId, long latestSeq) {
            if (serverId != null && answeredServerId != null && !serverId.equals(answeredServerId)) {
                return "the server's id changed from " + serverId + " to " + answeredServerId;
            }
            if (latestSeq < lastPulledSeq) {
                return "the server's latest seq " + latestSeq + " is below this replica's cursor " + lastPulledSeq;
            }
            return null;
        }
    }

    static Position read(Connection c) throws SQLException {
        Position p = Sql.one(c, "SELECT last_pulled_seq, server_latest_seq, server_id FROM sync_cursor WHERE id = 1", rs -> {
            long last = rs.getLong(1);
            long latest = rs.getLong(2);
            Long latestOrNull = rs.wasNull() ? null : latest;
            return new Position(last, latestOrNull, rs.getString(3));
        });
        return p == null ? Position.START : p;
    }

    /** Moves the cursor forward (never back) and records the server it counts in. */
    static void advance(Connection c, long lastPulledSeq, long serverLatestSeq, String serverId, long nowMillis) throws SQLException {
        Sql.update(c, "INSERT INTO sync_cursor (id, last_pulled_seq, server_latest_seq, server_id, updated_at) VALUES (1, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET last_pulled_seq = max(sync_cursor.last_pulled_seq, excluded.last_pulled_seq), "
                + "server_latest_seq = excluded.server_latest_seq, server_id = coalesce(excluded.server_id, sync_cursor.server_id), "
                + "updated_at = excluded.updated_at",
                lastPulledSeq, serverLatestSeq, serverId, nowMillis);
    }

    /**
     * Starts again from 0 for {@code serverId}: the only way the cursor moves back. From 0 the cursor covers
     * the history of every project enrolled now, as it moves forward.
     */
    static void rewind(Connection c, String serverId, long serverLatestSeq, long nowMillis) throws SQLException {
        Sql.update(c, "INSERT INTO sync_cursor (id, last_pulled_seq, server_latest_seq, server_id, updated_at) VALUES (1, 0, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET last_pulled_seq = 0, server_latest_seq = excluded.server_latest_seq, "
                + "server_id = excluded.server_id, updated_at = excluded.updated_at", serverLatestSeq, serverId, nowMillis);
        Sql.update(c, "DELETE FROM sync_pulled_projects");
        Sql.update(c, "INSERT INTO sync_pulled_projects (project) SELECT project FROM enrolled_projects");
    }

    /**
     * The enrolled projects whose history the cursor does not cover: enrolled (again) since the cursor last
     * started from 0. Projects no longer enrolled are forgotten here first, so enrolling one again brings its
     * history again (its mutations were skipped while it was not enrolled).
     */
    static List<String> projectsWithoutHistory(Connection c) throws SQLException {
        Sql.update(c, "DELETE FROM sync_pulled_projects WHERE project NOT IN (SELECT project FROM enrolled_projects)");
        return Sql.list(c, "SELECT project FROM enrolled_projects WHERE project NOT IN (SELECT project FROM sync_pulled_projects) "
                + "ORDER BY project", rs -> rs.getString(1));
    }

    /** The cursor at 0 covers every project's history: record that {@code projects} are covered. */
    static void covers(Connection c, List<String> projects) throws SQLException {
        for (String p : Objects.requireNonNull(projects)) {
            Sql.update(c, "INSERT INTO sync_pulled_projects (project) VALUES (?) ON CONFLICT (project) DO NOTHING", p);
        }
    }
}
