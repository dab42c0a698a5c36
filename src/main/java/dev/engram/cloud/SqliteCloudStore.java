package dev.engram.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file in WAL mode. All writes run on one platform thread with one
 * connection (SQLite has one writer, so seqs commit in order trivially); reads run on a small pool
 * of platform threads, each with its own connection. Keeping the JNI calls on platform threads
 * leaves the virtual threads that serve HTTP free to move between carriers.
 * Only one server process may use a file at a time (long-poll wake-ups are in-process).
 */
final class SqliteCloudStore extends JdbcCloudStore {
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final ExecutorService writer;
    private final ExecutorService readers;
    private final ThreadLocal<Connection> threadConnection = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<Connection> opened = new ConcurrentLinkedQueue<>();

    private SqliteCloudStore(Path file, int readerThreads) {
        super(Dialect.SQLITE);
        this.file = file;
        this.writer = Executors.newSingleThreadExecutor(daemon("engram-cloud-sqlite-writer"));
        this.readers = Executors.newFixedThreadPool(readerThreads, daemon("engram-cloud-sqlite-reader"));
    }

    static SqliteCloudStore open(Path file, Clock clock, RandomGenerator random) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new CloudStoreException("cannot create the folder of " + file + ": " + e.getMessage(), e, false);
        }
        SqliteCloudStore store = new SqliteCloudStore(file, Math.max(2, Runtime.getRuntime().availableProcessors()));
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
        return () -> { };
    }

    @Override
    public String kind() {
        return Dialect.SQLITE.kind;
    }

    @Override
    public void close() {
        writer.shutdown();
        readers.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
            readers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing at shutdown; nothing left to protect
            }
        }
    }

    @Override
    <T> T write(SqlCall<T> call) {
        return run(writer, () -> call.run(connection(true)));
    }

    @Override
    <T> T read(SqlCall<T> call) {
        return run(readers, () -> call.run(connection(false)));
    }

    private Connection connection(boolean write) throws SQLException {
        Connection c = threadConnection.get();
        if (c == null) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            config.setTransactionMode(write ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED);
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            opened.add(c);
            threadConnection.set(c);
        }
        return c;
    }

    private static <T> T run(ExecutorService executor, Callable<T> task) {
        try {
            return executor.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudStoreException("interrupted while waiting for the database", e, true);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new CloudStoreException("the store is closed", e, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof SQLException se) {
                throw new CloudStoreException("sqlite failed: " + se.getMessage(), se, se.getErrorCode() == 5 || se.getErrorCode() == 6);
            }
            throw new CloudStoreException("sqlite failed: " + cause, cause, false);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
