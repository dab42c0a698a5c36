package dev.engram.sync;

import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Local writes the server refused (table {@code sync_outbound_dead}): a refused journal row moves here,
 * in one transaction, so the rest of its project keeps flowing; {@link #retry} moves it back into the
 * journal (with a new seq, so a new mutation id) and {@link #discard} drops it. The memory itself stays
 * in the local database whatever happens here: only its replication is held back.
 */
public final class OutboundDeadLetters {
    private OutboundDeadLetters() {
    }

    /** One refused write, with the server's reason. */
    public record Letter(long id, String mutationId, String project, String entity, String entityKey, String op, String field,
            String error, Instant deadAt) {
    }

    static void add(Connection c, Journal.Row row, String mutationId, String field, String error, long nowMillis) throws SQLException {
        Sql.update(c, "INSERT INTO sync_outbound_dead (journal_seq, mutation_id, project, entity, entity_key, op, payload, version, "
                        + "created_at, field, error, dead_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                row.seq(), mutationId, row.project(), row.entity(), row.entityKey(), row.op(), row.payload(), row.version(),
                row.createdAt(), field, error, nowMillis);
        Sql.update(c, "DELETE FROM journal WHERE seq = ?", row.seq());
    }

    static long count(Connection c) throws SQLException {
        return Sql.one(c, "SELECT count(*) FROM sync_outbound_dead", rs -> rs.getLong(1));
    }

    public static List<Letter> list(SqliteMemoryStore store) {
        return store.read(c -> Sql.list(c, "SELECT id, mutation_id, project, entity, entity_key, op, field, error, dead_at "
                + "FROM sync_outbound_dead ORDER BY id", rs -> new Letter(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)))));
    }

    /**
     * Puts letters back into the journal for the next push (all of them when {@code ids} is empty).
     * Returns how many moved; ids that name no letter, and letters of projects no longer enrolled, stay.
     */
    public static int retry(SqliteMemoryStore store, List<Long> ids) {
        return store.write(c -> {
            String where = where(ids) + (ids.isEmpty() ? " WHERE " : " AND ") + "project IN (SELECT project FROM enrolled_projects)";
            Sql.update(c, "INSERT INTO journal (project, entity, entity_key, op, payload, version, created_at) "
                    + "SELECT project, entity, entity_key, op, payload, version, created_at FROM sync_outbound_dead" + where
                    + " ORDER BY id", ids.toArray());
            return Sql.update(c, "DELETE FROM sync_outbound_dead" + where, ids.toArray());
        });
    }

    /** Drops letters for good (all of them when {@code ids} is empty); the local memories stay. */
    public static int discard(SqliteMemoryStore store, List<Long> ids) {
        return store.write(c -> Sql.update(c, "DELETE FROM sync_outbound_dead" + where(ids), ids.toArray()));
    }

    private static String where(List<Long> ids) {
        return ids.isEmpty() ? "" : " WHERE id IN (" + Sql.marks(ids.size()) + ")";
    }
}
