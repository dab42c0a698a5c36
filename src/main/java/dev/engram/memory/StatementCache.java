package dev.engram.memory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
                PreparedStatement ps = cache.get(sql);
                if (ps == null || ps.isClosed()) {
                    ps = connection.prepareStatement(sql);
                    cache.put(sql, ps);
                }
                return reusable(ps);
            }
            if (method.getName().equals("close")) {
                cache.values().forEach(StatementCache::closeQuietly);
                cache.clear();
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static PreparedStatement reusable(PreparedStatement ps) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                ps.clearParameters();
                return null;
            }
            return invoke(ps, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
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
