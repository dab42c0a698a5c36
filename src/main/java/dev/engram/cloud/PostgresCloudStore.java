package dev.engram.cloud;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The shared store: one PostgreSQL database that any number of server instances use at once.
 * Seqs are assigned under a transaction-scoped advisory lock ({@link Dialect#lockForWrite}), so
 * they become visible in increasing order on every instance; pulls read one REPEATABLE READ
 * snapshot. A commit that stored mutations sends a NOTIFY that wakes long polls on every instance
 * ({@link PostgresChangeListener}). Calls run on the caller's (virtual) thread: pgjdbc is pure Java.
 */
final class PostgresCloudStore extends JdbcCloudStore {
    private static final int POOL_SIZE = 16;

    private final CloudDatabaseUrl.Postgres url;
    private final HikariDataSource pool;

    private PostgresCloudStore(CloudDatabaseUrl.Postgres url, HikariDataSource pool) {
        super(Dialect.POSTGRESQL);
        this.url = url;
        this.pool = pool;
    }

    static PostgresCloudStore open(CloudDatabaseUrl.Postgres url, Clock clock, RandomGenerator random) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setPoolName("engram-cloud-pg");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "engram-cloud");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CloudStoreException("cannot connect to " + url.display() + ": " + rootMessage(e), e, true);
        }
        PostgresCloudStore store = new PostgresCloudStore(url, pool);
        try {
            store.initialize(clock, random);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public AutoCloseable watchRemoteChanges(Runnable onChange) {
        return PostgresChangeListener.start(url, onChange);
    }

    @Override
    public String kind() {
        return Dialect.POSTGRESQL.kind;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    <T> T read(SqlCall<T> work) {
        return call(work);
    }

    @Override
    <T> T write(SqlCall<T> work) {
        return call(work);
    }

    private <T> T call(SqlCall<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new CloudStoreException("postgresql failed: " + e.getMessage(), e, isTransient(e));
        }
    }

    /** Connection loss (class 08), shutdown or admin action (57P), too many connections (53300), lock timeout. */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.equals("53300")
                || e instanceof java.sql.SQLTransientException;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
