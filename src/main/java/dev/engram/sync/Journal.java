package dev.engram.sync;

import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.OutboundMutation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and acknowledges the outbox rows (table {@code journal}) the store wrote. */
final class Journal {
    private Journal() {
    }

    record Row(long seq, String project, String entity, String entityKey, String op, String payload, String version,
            long createdAt) {
        OutboundMutation toWire(String replicaId) {
            return new OutboundMutation(mutationId(replicaId), project, entity, entityKey, op, payload);
        }

        String mutationId(String replicaId) {
            return replicaId + ":" + seq;
        }
    }

    /** The highest seq now in the journal (0 when empty): rows above it belong to the next pass. */
    static long maxSeq(SqliteMemoryStore store) {
        return store.read(c -> Sql.one(c, "SELECT coalesce(max(seq), 0) FROM journal", rs -> rs.getLong(1)));
    }

    static long count(SqliteMemoryStore store, List<String> projects, long upTo) {
        if (projects.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(projects);
        args.add(upTo);
        return store.read(c -> Sql.one(c, "SELECT count(*) FROM journal WHERE project IN (" + Sql.marks(projects.size())
                + ") AND seq <= ?", rs -> rs.getLong(1), args.toArray()));
    }

    /** Up to {@code limit} rows of {@code project} with {@code after < seq <= upTo}, in seq order. */
    static List<Row> batch(SqliteMemoryStore store, String project, long after, long upTo, int limit) {
        return store.read(c -> Sql.list(c, "SELECT seq, project, entity, entity_key, op, payload, version, created_at FROM journal "
                        + "WHERE project = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getLong(8)),
                project, after, upTo, limit));
    }

    /** Deletes rows the server acknowledged. */
    static void acknowledge(SqliteMemoryStore store, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Object[] seqs = rows.stream().map(Row::seq).toArray();
        store.write(c -> Sql.update(c, "DELETE FROM journal WHERE seq IN (" + Sql.marks(seqs.length) + ")", seqs));
    }

    /** Pending rows and the creation time of the oldest, for the status record. */
    record Backlog(long count, Instant oldest) { }

    static Backlog backlog(Connection c) throws SQLException {
        return Sql.one(c, "SELECT count(*), min(created_at) FROM journal", rs -> {
            Object oldest = rs.getObject(2); // getLong + wasNull misreports an aggregate NULL in sqlite-jdbc
            return new Backlog(rs.getLong(1), oldest == null ? null : Instant.ofEpochMilli(((Number) oldest).longValue()));
        });
    }
}
