package dev.engram.cloud;

import dev.engram.logging.ComponentLogger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One platform thread per server instance that LISTENs on {@link Dialect#CHANNEL} over its own
 * connection (never a pool connection) and calls {@code onChange} for every batch of
 * notifications, so a long poll on this instance wakes when another instance stores. When the
 * connection fails it logs once at WARN, reconnects with a backoff and calls {@code onChange}
 * (a notification may have been missed meanwhile; waiters re-check anyway at least once a second).
 */
final class PostgresChangeListener implements AutoCloseable {
    private static final ComponentLogger log = ComponentLogger.of("cloud");
    private static final int POLL_MS = 500;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final CloudDatabaseUrl.Postgres url;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    private PostgresChangeListener(CloudDatabaseUrl.Postgres url, Runnable onChange) {
        this.url = url;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name("engram-cloud-pg-listener").unstarted(this::loop);
    }

    static PostgresChangeListener start(CloudDatabaseUrl.Postgres url, Runnable onChange) {
        PostgresChangeListener listener = new PostgresChangeListener(url, onChange);
        listener.thread.start();
        return listener;
    }

    private void loop() {
        long backoff = 100;
        boolean failing = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + Dialect.CHANNEL);
                }
                if (failing) {
                    log.atInfo().setMessage("notification listener reconnected").log();
                    failing = false;
                    onChange.run();
                }
                backoff = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(POLL_MS);
                    if (notes != null && notes.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.atWarn().setMessage("notification listener failed").addKeyValue("error", oneLine(e)).log();
                    failing = true;
                }
                onChange.run();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("ApplicationName", "engram-cloud-listener");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return m.replaceAll("\\s+", " ");
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // shutting down
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
