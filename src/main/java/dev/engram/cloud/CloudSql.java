package dev.engram.cloud;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SQL of the cloud store, shared by SQLite and PostgreSQL: each method runs one whole
 * transaction on the connection it is given (auto-commit off on entry and restored on exit).
 * Seqs are {@code MAX(seq) + 1...} assigned while holding the write lock, so they are dense and
 * commit in order (see {@link Dialect#lockForWrite}).
 */
final class CloudSql {
    private static final int IN_CHUNK = 500;

    private final Dialect dialect;

    CloudSql(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Stores a group of pushes in one transaction, in order; a mutation id seen before (stored
     * earlier or earlier in the group) gets its first seq and is not stored again.
     */
    List<AppendResult> append(Connection c, List<AppendRequest> group) throws SQLException {
        return inTransaction(c, () -> {
            dialect.lockForWrite(c, Dialect.APPEND_LOCK_KEY);
            Map<String, Long> known = existingSeqs(c, group.stream()
                    .flatMap(r -> r.batch().stream()).map(NewMutation::mutationId).distinct().toList());
            long next = maxSeq(c);
            List<AppendResult> results = new ArrayList<>(group.size());
            Map<String, Long> heads = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cloud_mutations (seq, mutation_id, project, entity, entity_key, op, payload, occurred_at, pushed_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AppendRequest request : group) {
                    long before = next;
                    List<Long> seqs = new ArrayList<>(request.batch().size());
                    for (NewMutation m : request.batch()) {
                        Long seq = known.get(m.mutationId());
                        if (seq == null) {
                            seq = ++next;
                            known.put(m.mutationId(), seq);
                            heads.put(m.project(), seq);
                            ps.setLong(1, seq);
                            ps.setString(2, m.mutationId());
                            ps.setString(3, m.project());
                            ps.setString(4, m.entity());
                            ps.setString(5, m.entityKey());
                            ps.setString(6, m.op());
                            ps.setString(7, m.payloadJson());
                            ps.setLong(8, request.now().toEpochMilli());
                            ps.setString(9, request.pushedBy());
                            ps.addBatch();
                        }
                        seqs.add(seq);
                    }
                    results.add(new AppendResult(seqs, (int) (next - before)));
                }
                if (!heads.isEmpty()) {
                    ps.executeBatch();
                }
            }
            if (!heads.isEmpty()) {
                updateHeads(c, heads);
                dialect.announce(c, next);
            }
            return results;
        });
    }

    PullPage pull(Connection c, Set<String> projects, long sinceSeq, int limit) throws SQLException {
        if (projects.isEmpty()) {
            return new PullPage(List.of(), false, 0);
        }
        boolean autoCommit = c.getAutoCommit();
        dialect.beginSnapshot(c);
        try {
            List<StoredMutation> rows = new ArrayList<>(Math.min(limit + 1, 1024));
            String in = placeholders(projects.size());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, mutation_id, project, entity, entity_key, op, payload, occurred_at FROM cloud_mutations"
                            + " WHERE seq > ? AND project IN (" + in + ") ORDER BY seq LIMIT ?")) {
                int i = 1;
                ps.setLong(i++, sinceSeq);
                for (String p : projects) {
                    ps.setString(i++, p);
                }
                ps.setInt(i, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new StoredMutation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
                    }
                }
            }
            long latest;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(MAX(latest_seq), 0) FROM cloud_project_heads WHERE project IN (" + in + ")")) {
                int i = 1;
                for (String p : projects) {
                    ps.setString(i++, p);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    latest = rs.getLong(1);
                }
            }
            c.commit();
            boolean hasMore = rows.size() > limit;
            return new PullPage(hasMore ? rows.subList(0, limit) : rows, hasMore, latest);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    Optional<StoredToken> tokenByHash(Connection c, String hash) throws SQLException {
        List<StoredToken> found = readTokens(c, " WHERE t.token_hash = ?", hash);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    List<TokenInfo> tokens(Connection c) throws SQLException {
        return readTokens(c, "", null).stream().map(StoredToken::info).toList();
    }

    void insertToken(Connection c, StoredToken token) throws SQLException {
        inTransaction(c, () -> {
            dialect.lockForWrite(c, Dialect.APPEND_LOCK_KEY);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cloud_tokens WHERE name = ?")) {
                ps.setString(1, token.info().name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new TokenNameTakenException(token.info().name());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cloud_tokens (name, token_hash, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, token.info().name());
                ps.setString(2, token.hash());
                ps.setLong(3, token.info().createdAt().toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cloud_token_grants (token_name, project) VALUES (?, ?)")) {
                for (String p : token.info().projects()) {
                    ps.setString(1, token.info().name());
                    ps.setString(2, p);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    CloudStore.RevokeOutcome revokeToken(Connection c, String name, Instant now) throws SQLException {
        return inTransaction(c, () -> {
            dialect.lockForWrite(c, Dialect.APPEND_LOCK_KEY);
            try (PreparedStatement ps = c.prepareStatement("UPDATE cloud_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, name);
                if (ps.executeUpdate() > 0) {
                    return CloudStore.RevokeOutcome.REVOKED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cloud_tokens WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? CloudStore.RevokeOutcome.ALREADY_REVOKED : CloudStore.RevokeOutcome.NOT_FOUND;
                }
            }
        });
    }

    private List<StoredToken> readTokens(Connection c, String where, String arg) throws SQLException {
        Map<String, List<String>> grants = new HashMap<>();
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT t.name, t.token_hash, t.created_at, t.revoked_at, g.project FROM cloud_tokens t"
                        + " LEFT JOIN cloud_token_grants g ON g.token_name = t.name" + where + " ORDER BY t.created_at, t.name, g.project")) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    long revoked = rs.getLong(4);
                    Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
                    rows.putIfAbsent(name, new Object[] {rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), revokedAt});
                    String project = rs.getString(5);
                    List<String> list = grants.computeIfAbsent(name, n -> new ArrayList<>());
                    if (project != null) {
                        list.add(project);
                    }
                }
            }
        }
        List<StoredToken> out = new ArrayList<>();
        rows.forEach((name, r) -> out.add(new StoredToken(
                new TokenInfo(name, grants.get(name), (Instant) r[1], (Instant) r[2]), (String) r[0])));
        return out;
    }

    private Map<String, Long> existingSeqs(Connection c, List<String> ids) throws SQLException {
        Map<String, Long> known = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT mutation_id, seq FROM cloud_mutations WHERE mutation_id IN (" + placeholders(chunk.size()) + ")")) {
                bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return known;
    }

    private static long maxSeq(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM cloud_mutations")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void updateHeads(Connection c, Map<String, Long> heads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO cloud_project_heads (project, latest_seq) VALUES (?, ?)"
                        + " ON CONFLICT (project) DO UPDATE SET latest_seq = excluded.latest_seq")) {
            for (Map.Entry<String, Long> e : heads.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setLong(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Collection<String> values) throws SQLException {
        int i = 1;
        for (String v : values) {
            ps.setString(i++, v);
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }
}
