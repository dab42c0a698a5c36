package dev.engram.cloud;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What both stores share: the SQL ({@link CloudSql}) and group commit. A subclass says only how a
 * unit of work reaches a connection, for reading and for writing (a pool for PostgreSQL, reader and
 * writer threads for SQLite).
 */
abstract class JdbcCloudStore implements CloudStore {
    final CloudSql sql;
    private final Dialect dialect;
    private final GroupCommit groupCommit;
    private volatile String serverId;

    JdbcCloudStore(Dialect dialect) {
        this.dialect = dialect;
        this.sql = new CloudSql(dialect);
        this.groupCommit = new GroupCommit(group -> write(c -> sql.append(c, group)));
    }

    /** Brings the schema up to date and reads (on a new database: creates) the server id. Called once, by {@code open}. */
    final void initialize(Clock clock, RandomGenerator random) {
        write(c -> {
            Migrations.apply(c, dialect, clock.millis());
            return null;
        });
        serverId = write(c -> sql.serverId(c, () -> newServerId(random)));
    }

    static String newServerId(RandomGenerator random) {
        return "srv-" + HexFormat.of().toHexDigits(random.nextLong());
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
    public PullPage pull(Set<String> projects, long sinceSeq, int limit, long maxBytes) {
        return read(c -> sql.pull(c, projects, sinceSeq, limit, maxBytes));
    }

    /** Pushes waiting for the next group commit (for tests). */
    int queuedPushes() {
        return groupCommit.queued();
    }

    @Override
    public String serverId() {
        return serverId;
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
