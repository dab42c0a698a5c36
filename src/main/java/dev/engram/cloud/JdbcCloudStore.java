package dev.engram.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What both stores share: the SQL ({@link CloudSql}) and group commit. A subclass says only how a
 * unit of work reaches a connection, for reading and for writing (a pool for PostgreSQL, reader and
 * writer threads for SQLite).
 */
abstract class JdbcCloudStore implements CloudStore {
    final CloudSql sql;
    private final GroupCommit groupCommit;

    JdbcCloudStore(Dialect dialect) {
        this.sql = new CloudSql(dialect);
        this.groupCommit = new GroupCommit(group -> write(c -> sql.append(c, group)));
    }

    /** Runs {@code work} on a connection for reading. */
    abstract <T> T read(SqlCall<T> work);

    /** Runs {@code work} on a connection for writing. */
    abstract <T> T write(SqlCall<T> work);

    @Override
    public AppendResult append(AppendRequest request) {
        return groupCommit.append(request);
    }

    @Override
    public PullPage pull(Set<String> projects, long sinceSeq, int limit) {
        return read(c -> sql.pull(c, projects, sinceSeq, limit));
    }

    @Override
    public Optional<StoredToken> tokenByHash(String hash) {
        return read(c -> sql.tokenByHash(c, hash));
    }

    @Override
    public void insertToken(StoredToken token) {
        write(c -> {
            sql.insertToken(c, token);
            return null;
        });
    }

    @Override
    public List<TokenInfo> tokens() {
        return read(sql::tokens);
    }

    @Override
    public RevokeOutcome revokeToken(String name, Instant now) {
        return write(c -> sql.revokeToken(c, name, now));
    }
}
