package dev.engram.memory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps prepared statements of one connection for reuse: SQLite compiles a statement on every
 * prepare, and an INSERT into a table with FTS triggers compiles the triggers too, which costs more
 * than running it. The returned connection hands out cached statements whose {@code close()} only
 * clears their parameters; the least recently used are really closed beyond {@code capacity}.
 * Not thread-safe: {@link Database} uses it under its lock.
 */
final class StatementCache {
    private StatementCache() {
    }

    static Connection wrap(Connection connection, int capacity) {
        Map<String, PreparedStatement> cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
        return new CachingConnection(connection, cache);
    }

    /** Hands out cached statements; closing it closes them all, then the connection. */
    private static final class CachingConnection extends ForwardingConnection {
        private final Map<String, PreparedStatement> cache;

        CachingConnection(Connection delegate, Map<String, PreparedStatement> cache) {
            super(delegate);
            this.cache = cache;
        }

        @Override
        public PreparedStatement prepareStatement(String sql) throws SQLException {
            PreparedStatement ps = cache.get(sql);
            if (ps == null || ps.isClosed()) {
                ps = delegate.prepareStatement(sql);
                cache.put(sql, ps);
            }
            return new ReusableStatement(ps);
        }

        @Override
        public void close() throws SQLException {
            cache.values().forEach(StatementCache::closeQuietly);
            cache.clear();
            delegate.close();
        }
    }

    /** A cached statement whose {@code close()} only clears its parameters. */
    private static final class ReusableStatement extends ForwardingPreparedStatement {
        ReusableStatement(PreparedStatement delegate) {
            super(delegate);
        }

        @Override
        public void close() throws SQLException {
            delegate.clearParameters();
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // closing a statement the cache no longer needs
        }
    }
}
