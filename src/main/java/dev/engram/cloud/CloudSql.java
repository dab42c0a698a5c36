package dev.engram.cloud;

import dev.engram.protocol.ErrorDetail;
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
    /** What a pulled mutation costs beyond its payload and envelope strings: field names, seq, op, entity, time. */
    static final int MUTATION_OVERHEAD_BYTES = 150;
    /** Rows fetched at a time while finding a page's cut (sizes only) and while reading the page itself. */
    private static final int SIZE_FETCH = 1_001;
    private static final int ROW_FETCH = 16;

    private final Dialect dialect;

    CloudSql(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Stores a group of pushes in one transaction, in order. Each push is all or nothing: a mutation
     * id seen before (stored earlier, earlier in the group or earlier in the push) is a repeat when
     * the same token sent the same payload digest and envelope (it gets its first seq, nothing is
     * stored), and a conflict otherwise, which refuses that push alone ({@link AppendResult.Conflict}).
     */
    List<AppendResult> append(Connection c, List<AppendRequest> group) throws SQLException {
        return inTransaction(c, () -> {
            dialect.lockForWrite(c, Dialect.APPEND_LOCK_KEY);
            Map<String, Prior> known = priors(c, group.stream()
                    .flatMap(r -> r.batch().stream()).map(NewMutation::mutationId).distinct().toList());
            long next = maxSeq(c);
            long first = next;
            List<AppendResult> results = new ArrayList<>(group.size());
            Map<String, Long> heads = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cloud_mutations (seq, mutation_id, project, entity, entity_key, op, payload, occurred_at, pushed_by, payload_digest)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AppendRequest request : group) {
                    Admission admission = admit(request, known, next);
                    if (!admission.conflicts().isEmpty()) {
                        results.add(new AppendResult.Conflict(admission.conflicts()));
                        continue;
                    }
                    known.putAll(admission.fresh());
                    for (Insert row : admission.inserts()) {
                        NewMutation m = row.mutation();
                        next = row.seq();
                        heads.put(m.project(), row.seq());
                        ps.setLong(1, row.seq());
                        ps.setString(2, m.mutationId());
                        ps.setString(3, m.project());
                        ps.setString(4, m.entity());
                        ps.setString(5, m.entityKey());
                        ps.setString(6, m.op());
                        ps.setString(7, m.payloadJson());
                        ps.setLong(8, request.now().toEpochMilli());
                        ps.setString(9, request.pushedBy());
                        ps.setString(10, m.payloadDigest());
                        ps.addBatch();
                    }
                    results.add(new AppendResult.Stored(admission.seqs(), admission.inserts().size()));
                }
                if (next > first) {
                    ps.executeBatch();
                }
            }
            if (next > first) {
                updateHeads(c, heads);
                dialect.announce(c, next);
            }
            return results;
        });
    }

    /**
     * Decides one push against what is known (stored or admitted earlier in the group): the seq of
     * each entry, the entries it stores (new seqs from {@code next + 1}), or its conflicts.
     */
    private static Admission admit(AppendRequest request, Map<String, Prior> known, long next) {
        Map<String, Prior> fresh = new HashMap<>();
        List<Insert> inserts = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Long> seqs = new ArrayList<>(request.batch().size());
        List<ErrorDetail> conflicts = new ArrayList<>();
        long seq = next;
        for (int i = 0; i < request.batch().size(); i++) {
            NewMutation m = request.batch().get(i);
            Prior mine = fresh.get(m.mutationId());
            Prior prior = mine != null ? mine : known.get(m.mutationId());
            if (prior == null) {
                Prior p = new Prior(++seq, request.pushedBy(), m.payloadDigest(), envelope(m));
                fresh.put(m.mutationId(), p);
                inserts.add(new Insert(p.seq(), m));
                firstIndex.put(m.mutationId(), i);
                seqs.add(p.seq());
            } else if (prior.pushedBy().equals(request.pushedBy()) && prior.digest().equals(m.payloadDigest())
                    && prior.envelope().equals(envelope(m))) {
                seqs.add(prior.seq());
            } else {
                conflicts.add(ErrorDetail.atEntry(i, "mutation_id", conflictProblem(m.mutationId(), mine != null,
                        prior.pushedBy().equals(request.pushedBy()), firstIndex.get(m.mutationId()))));
            }
        }
        return new Admission(seqs, fresh, inserts, conflicts);
    }

    private static String conflictProblem(String mutationId, boolean inThisPush, boolean sameToken, Integer firstIndex) {
        String id = "mutation_id '" + PushParser.echo(mutationId) + "'";
        if (inThisPush) {
            return id + " is also entry " + firstIndex + " of this push, with a different payload or envelope; a mutation id names one write";
        }
        if (!sameToken) {
            return id + " was already stored from another origin; a replica must use mutation ids of its own";
        }
        return id + " was already stored with a different payload or envelope; a repeat must carry the same entry";
    }

    /** What the store knows of a mutation id: its seq, the token that pushed it, its payload digest and envelope. */
    private record Prior(long seq, String pushedBy, String digest, List<String> envelope) {
    }

    private static List<String> envelope(NewMutation m) {
        return List.of(m.project(), m.entity(), m.entityKey(), m.op());
    }

    private record Insert(long seq, NewMutation mutation) {
    }

    private record Admission(List<Long> seqs, Map<String, Prior> fresh, List<Insert> inserts, List<ErrorDetail> conflicts) {
    }

    /**
     * The server's stable id, created at the first start on this database (under the migration lock,
     * so instances starting together on one PostgreSQL database agree on it).
     */
    String serverId(Connection c, java.util.function.Supplier<String> newId) throws SQLException {
        return inTransaction(c, () -> {
            dialect.lockForWrite(c, Dialect.MIGRATION_LOCK_KEY);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cloud_meta (key, value) VALUES ('server_id', ?) ON CONFLICT (key) DO NOTHING")) {
                ps.setString(1, newId.get());
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT value FROM cloud_meta WHERE key = 'server_id'")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /**
     * One page: at most {@code limit} mutations and, past the first, at most {@code maxBytes} of
     * them (each counted as its payload and envelope strings plus {@link #MUTATION_OVERHEAD_BYTES}).
     * The cut is found first from sizes alone; then only the rows of the page are read, streamed.
     */
    PullPage pull(Connection c, Set<String> projects, long sinceSeq, int limit, long maxBytes) throws SQLException {
        if (projects.isEmpty()) {
            return new PullPage(List.of(), false, 0);
        }
        boolean autoCommit = c.getAutoCommit();
        dialect.beginSnapshot(c);
        try {
            String in = placeholders(projects.size());
            long lastSeq = sinceSeq;
            int count = 0;
            boolean hasMore = false;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, octet_length(payload) + octet_length(mutation_id) + octet_length(project) + octet_length(entity_key)"
                            + " FROM cloud_mutations WHERE seq > ? AND project IN (" + in + ") ORDER BY seq LIMIT ?")) {
                int i = 1;
                ps.setLong(i++, sinceSeq);
                for (String p : projects) {
                    ps.setString(i++, p);
                }
                ps.setInt(i, limit + 1);
                ps.setFetchSize(SIZE_FETCH);
                long bytes = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long size = rs.getLong(2) + MUTATION_OVERHEAD_BYTES;
                        if (count == limit || (count > 0 && bytes + size > maxBytes)) {
                            hasMore = true;
                            break;
                        }
                        bytes += size;
                        lastSeq = rs.getLong(1);
                        count++;
                    }
                }
            }
            List<StoredMutation> rows = new ArrayList<>(count);
            if (count > 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT seq, mutation_id, project, entity, entity_key, op, payload, occurred_at FROM cloud_mutations"
                                + " WHERE seq > ? AND seq <= ? AND project IN (" + in + ") ORDER BY seq")) {
                    int i = 1;
                    ps.setLong(i++, sinceSeq);
                    ps.setLong(i++, lastSeq);
                    for (String p : projects) {
                        ps.setString(i++, p);
                    }
                    ps.setFetchSize(ROW_FETCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new StoredMutation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
                        }
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
            return new PullPage(rows, hasMore, latest);
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

    /** What is stored under these mutation ids; a row from before V2 has no digest yet, so it is computed from its payload. */
    private static Map<String, Prior> priors(Connection c, List<String> ids) throws SQLException {
        Map<String, Prior> known = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT mutation_id, seq, pushed_by, payload_digest, CASE WHEN payload_digest IS NULL THEN payload END,"
                            + " project, entity, entity_key, op FROM cloud_mutations WHERE mutation_id IN (" + placeholders(chunk.size()) + ")")) {
                bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String digest = rs.getString(4);
                        known.put(rs.getString(1), new Prior(rs.getLong(2), rs.getString(3),
                                digest != null ? digest : PayloadDigest.of(rs.getString(5)),
                                List.of(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))));
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
