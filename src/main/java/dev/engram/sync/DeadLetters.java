package dev.engram.sync;

import dev.engram.memory.Sql;
import dev.engram.transport.PulledMutation;
import java.sql.Connection;
import java.sql.SQLException;

/** Pulled mutations set aside because they cannot be applied (table {@code sync_dead_letters}). */
public final class DeadLetters {
    private DeadLetters() {
    }

    static void add(Connection c, PulledMutation m, String error, long nowMillis) throws SQLException {
        Sql.update(c, "INSERT INTO sync_dead_letters (seq, mutation_id, project, entity, entity_key, op, payload, error, "
                        + "occurred_at, dead_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                m.seq(), m.mutationId(), m.project(), m.entity(), m.entityKey(), m.op(), m.payloadJson(), error,
                millisOrNull(m.occurredAt()), nowMillis);
    }

    /** The evidence's time, or null when there is none or it is beyond what milliseconds can hold (a hostile value). */
    private static Long millisOrNull(java.time.Instant t) {
        try {
            return t == null ? null : t.toEpochMilli();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** One pulled mutation that was set aside, with why. */
    public record Letter(long id, long seq, String mutationId, String project, String entity, String op, String error,
            java.time.Instant deadAt) {
    }

    public static java.util.List<Letter> list(dev.engram.memory.SqliteMemoryStore store) {
        return store.read(c -> Sql.list(c, "SELECT id, seq, mutation_id, project, entity, op, error, dead_at FROM sync_dead_letters "
                + "ORDER BY seq", rs -> new Letter(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), java.time.Instant.ofEpochMilli(rs.getLong(8)))));
    }

    static long count(Connection c) throws SQLException {
        return Sql.one(c, "SELECT count(*) FROM sync_dead_letters", rs -> rs.getLong(1));
    }
}
