package dev.engram.memory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The semantic index's tables (schema 4): one opaque vector per live observation, tagged with the model that
 * made it and the observation version it was made from, and the queue of observations whose vector must be
 * (re)computed (filled by triggers on every way a row changes). This class knows nothing of embeddings: it
 * stores and returns bytes. Local derived data: nothing here is journaled or replicated.
 */
public final class VectorTable {
    /** Characters of an observation's content handed to the embedder; the model reads a few hundred words at most. */
    public static final int TEXT_CHARS = 2_000;

    private final SqliteMemoryStore store;

    public VectorTable(SqliteMemoryStore store) {
        this.store = store;
    }

    /** An observation waiting for its vector: its id, current version and text (title, blank line, start of content). */
    public record Pending(long id, String version, String text) {
    }

    /** A live observation as the index sees it, with the vector stored for it (all null when it has none). */
    public record Row(long id, String version, String project, String type, String scope,
                      String model, String sourceVersion, byte[] vector, long seq) {
        /** The stored vector was made by {@code model} from this version of the observation and has {@code bytes} bytes. */
        public boolean current(String model, int bytes) {
            return vector != null && model.equals(this.model) && version.equals(sourceVersion) && vector.length == bytes;
        }
    }

    /** A vector computed for an observation at {@code sourceVersion}. */
    public record Computed(long id, String sourceVersion, byte[] vector) {
    }

    /** Live observations, how many hold a current vector of the model, and how many wait in the queue. */
    public record Coverage(long live, long indexed, long queued) {
    }

    /** What the queue holds: observations to embed, and the ids it held of observations gone or soft-deleted (now dropped). */
    public record Batch(List<Pending> pending, List<Long> dropped) {
        public boolean isEmpty() {
            return pending.isEmpty() && dropped.isEmpty();
        }
    }

    /**
     * Up to {@code max} queued observations that need a vector, lowest id first. Queue rows of observations that
     * are gone or soft-deleted are dropped here, with any vector they had, and reported.
     */
    public Batch pending(int max) {
        if (store.read(c -> Sql.one(c, "SELECT 1 FROM vector_queue LIMIT 1", rs -> true)) == null) {
            return new Batch(List.of(), List.of());
        }
        return store.write(c -> {
            List<Long> dropped = Sql.list(c, "SELECT q.observation_id FROM vector_queue q LEFT JOIN observations o ON o.id = q.observation_id "
                    + "WHERE o.id IS NULL OR o.deleted_at IS NOT NULL LIMIT 1000", rs -> rs.getLong(1));
            for (long id : dropped) {
                Sql.update(c, "DELETE FROM observation_vectors WHERE observation_id = ?", id);
                Sql.update(c, "DELETE FROM vector_queue WHERE observation_id = ?", id);
            }
            List<Pending> pending = Sql.list(c, "SELECT o.id, o.version, o.title || char(10) || char(10) || substr(o.content, 1, "
                            + TEXT_CHARS + ") FROM vector_queue q JOIN observations o ON o.id = q.observation_id "
                            + "WHERE o.deleted_at IS NULL ORDER BY q.observation_id LIMIT ?",
                    rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)), max);
            return new Batch(pending, dropped);
        });
    }

    /**
     * Stores vectors made by {@code model}. A vector whose observation changed (another version) or went away
     * meanwhile is dropped: the observation is still queued and gets a fresh one. Returns how many were stored.
     */
    public int put(String model, List<Computed> vectors) {
        if (vectors.isEmpty()) {
            return 0;
        }
        return store.write(c -> {
            int stored = 0;
            long seq = Sql.one(c, "SELECT coalesce(max(seq), 0) FROM observation_vectors", rs -> rs.getLong(1));
            for (Computed v : vectors) {
                Boolean live = Sql.one(c, "SELECT 1 FROM observations WHERE id = ? AND version = ? AND deleted_at IS NULL",
                        rs -> true, v.id(), v.sourceVersion());
                if (live == null) {
                    continue;
                }
                Sql.update(c, "INSERT INTO observation_vectors (observation_id, model, source_version, vector, seq) VALUES (?,?,?,?,?) "
                        + "ON CONFLICT (observation_id) DO UPDATE SET model = excluded.model, source_version = excluded.source_version, "
                        + "vector = excluded.vector, seq = excluded.seq", v.id(), model, v.sourceVersion(), v.vector(), ++seq);
                Sql.update(c, "DELETE FROM vector_queue WHERE observation_id = ?", v.id());
                stored++;
            }
            return stored;
        });
    }

    /** Live observations with id above {@code afterId}, in id order, each with its stored vector if any. */
    public List<Row> scan(long afterId, int max) {
        return store.read(c -> Sql.list(c, ROW_SELECT + "FROM observations o LEFT JOIN observation_vectors v ON v.observation_id = o.id "
                + "WHERE o.deleted_at IS NULL AND o.id > ? ORDER BY o.id LIMIT ?", VectorTable::row, afterId, max));
    }

    /** Vectors written after {@code seq} (by this process or another), of observations still live, in write order. */
    public List<Row> writtenAfter(long seq, int max) {
        return store.read(c -> Sql.list(c, ROW_SELECT + "FROM observation_vectors v JOIN observations o ON o.id = v.observation_id "
                + "WHERE v.seq > ? AND o.deleted_at IS NULL ORDER BY v.seq LIMIT ?", VectorTable::row, seq, max));
    }

    /** The highest write sequence number of the vectors table (0 when empty). */
    public long lastSeq() {
        return store.read(c -> Sql.one(c, "SELECT coalesce(max(seq), 0) FROM observation_vectors", rs -> rs.getLong(1)));
    }

    /** How many observations are live (not deleted). */
    public long live() {
        return store.read(c -> Sql.one(c, "SELECT count(*) FROM observations WHERE deleted_at IS NULL", rs -> rs.getLong(1)));
    }

    /** How many observations wait for a vector. */
    public long queued() {
        return store.read(c -> Sql.one(c, "SELECT count(*) FROM vector_queue", rs -> rs.getLong(1)));
    }

    /** Puts observations (back) in the queue: their vector is missing, stale, of another model or unreadable. */
    public void enqueue(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        store.write(c -> {
            for (long id : ids) {
                Sql.update(c, "INSERT OR IGNORE INTO vector_queue (observation_id) VALUES (?)", id);
            }
            return null;
        });
    }

    /** Takes observations out of the queue without a vector (their text could not be embedded). */
    public void dequeue(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        store.write(c -> {
            for (long id : ids) {
                Sql.update(c, "DELETE FROM vector_queue WHERE observation_id = ?", id);
            }
            return null;
        });
    }

    /** Drops every vector and queues every live observation: the next indexing pass computes them all again. */
    public long rebuild() {
        return store.write(c -> {
            Sql.update(c, "DELETE FROM observation_vectors");
            Sql.update(c, "INSERT OR IGNORE INTO vector_queue (observation_id) SELECT id FROM observations WHERE deleted_at IS NULL");
            return Sql.one(c, "SELECT count(*) FROM vector_queue", rs -> rs.getLong(1));
        });
    }

    /** Exact coverage for {@code model} (vectors of {@code bytes} bytes): one pass over the observations. */
    public Coverage coverage(String model, int bytes) {
        return store.read(c -> {
            long live = Sql.one(c, "SELECT count(*) FROM observations WHERE deleted_at IS NULL", rs -> rs.getLong(1));
            long indexed = Sql.one(c, "SELECT count(*) FROM observations o JOIN observation_vectors v ON v.observation_id = o.id "
                    + "WHERE o.deleted_at IS NULL AND v.model = ? AND v.source_version = o.version AND length(v.vector) = ?",
                    rs -> rs.getLong(1), model, bytes);
            long queued = Sql.one(c, "SELECT count(*) FROM vector_queue", rs -> rs.getLong(1));
            return new Coverage(live, indexed, queued);
        });
    }

    /** Whether some observation holds every word of {@code text} (a keyword search's best evidence; cheap). */
    public boolean someObservationHasEveryWord(String text) {
        List<String> terms = SearchText.terms(text);
        if (terms.isEmpty()) {
            return false;
        }
        return store.read(c -> Sql.one(c, "SELECT 1 FROM observations_fts WHERE observations_fts MATCH ? LIMIT 1", rs -> true,
                SearchText.allOf(terms))) != null;
    }

    /**
     * The live observations among {@code ids} that pass the filters of {@code query} (type, project, scope; its
     * text is ignored), by id. Filters are read as {@link SqliteMemoryStore#search} reads them.
     */
    public Map<Long, Observation> live(List<Long> ids, SearchQuery query) {
        Map<Long, Observation> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>();
        String where = liveWhere(ids, query, args);
        return store.read(c -> {
            for (Observation o : Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o" + where, Rows::observation,
                    args.toArray())) {
                out.put(o.id(), o);
            }
            return out;
        });
    }

    /** As {@link #live}, the ids only (no row is read beyond its index entries and filter columns). */
    public Set<Long> liveIds(List<Long> ids, SearchQuery query) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<Object> args = new ArrayList<>();
        String where = liveWhere(ids, query, args);
        return store.read(c -> new HashSet<>(Sql.list(c, "SELECT o.id FROM observations o" + where, rs -> rs.getLong(1), args.toArray())));
    }

    private static String liveWhere(List<Long> ids, SearchQuery query, List<Object> args) {
        String project = Projects.normalizeOrNull(query.project());
        String scope = query.scope() == null || query.scope().isBlank() ? null : Scope.parse("scope", query.scope()).wire();
        String type = query.type() == null || query.type().isBlank() ? null : query.type().strip();
        StringBuilder sql = new StringBuilder(" WHERE o.deleted_at IS NULL");
        if (type != null) {
            sql.append(" AND o.type = ?");
            args.add(type);
        }
        if (project != null) {
            sql.append(" AND o.project = ?");
            args.add(project);
        }
        if (scope != null) {
            sql.append(" AND o.scope = ?");
            args.add(scope);
        }
        sql.append(" AND o.id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
            args.add(ids.get(i));
        }
        return sql.append(')').toString();
    }

    private static final String ROW_SELECT = "SELECT o.id, o.version, o.project, o.type, o.scope, v.model, v.source_version, v.vector, v.seq ";

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getBytes(8), rs.getLong(9));
    }
}
