package dev.engram.memory;

import dev.engram.base.PrivateFiles;
import dev.engram.logging.ComponentLogger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * One SQLite connection to the local file, guarded by a lock: SQLite has one writer, and JNI calls are
 * kept to the threads that hold the lock. Opening checks that the file is an Engram database of a
 * schema this build understands before changing anything, then migrates it in place.
 */
final class Database implements AutoCloseable {
    /** {@code PRAGMA application_id} of an Engram database: "Engm". */
    static final int APPLICATION_ID = 0x456e676d;
    /** Schema migrations in order; index + 1 is the {@code user_version} after applying each. */
    private static final List<String> MIGRATIONS = List.of("db/local/V1__initial.sql", "db/local/V2__sync_state.sql",
            "db/local/V3__sync_trust.sql", "db/local/V4__semantic_index.sql", "db/local/V5__recent_index.sql");
    static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final ComponentLogger log = ComponentLogger.of("store");
    /** Distinct SQL texts kept prepared; the store and sync use a few dozen. */
    private static final int STATEMENT_CACHE = 128;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * The driver's connection settings, made once now: building them formats dates, which loads the time zone
     * and the locale's calendar data (about 12 ms of a one-shot command). Logs nothing, so it may run while
     * another thread starts Logback.
     */
    static void warmUpSettings() {
        try {
            new SQLiteConfig();
        } catch (RuntimeException | LinkageError e) {
            // open() meets the same problem and says what it is
        }
    }

    /** The driver's native library, loaded now. The driver logs through SLF4J: start Logback first. */
    static void warmUpNativeLibrary() {
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // open() meets the same problem and says what it is
        }
    }

    static Database open(Path file) {
        try {
            PrivateFiles.directory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + file.getParent() + ": " + e.getMessage(), e);
        }
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new StoreException("cannot read " + file + ": permission denied");
        }
        // SQLite gives -wal and -shm the main file's mode: a 0600 engram.db keeps them private too.
        privateFiles(file);
        Connection connection;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(10_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            // Straight to the SQLite driver: DriverManager would first load and initialise every JDBC
            // driver on the class path (PostgreSQL's too), about 15 ms of a one-shot command's start-up.
            connection = JDBC.createConnection(JDBC.PREFIX + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        Database db = new Database(file, StatementCache.wrap(connection, STATEMENT_CACHE));
        try {
            db.checkAndMigrate();
            privateFiles(file);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Creates {@code file} 0600 when missing (an empty file is an empty database) and tightens it, -wal and -shm. */
    private static void privateFiles(Path file) {
        try {
            PrivateFiles.createFile(file);
            PrivateFiles.tighten(Path.of(file + "-wal"));
            PrivateFiles.tighten(Path.of(file + "-shm"));
        } catch (IOException e) {
            // Not fatal: a file this user may use but not chmod (another owner) still opens; SQLite
            // reports anything that really stops it.
            log.atWarn().setMessage("cannot make database files private").addKeyValue("file", file.toString())
                    .addKeyValue("error", e.toString()).log();
        }
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} holding the connection, outside any transaction. */
    <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one immediate (write-locking) transaction: all of it commits, or none. */
    <T> T write(SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            lock.unlock();
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    StoreException translate(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
            return new StoreException(file + " is busy: another process held its write lock for more than 10s", e);
        }
        if (message.contains("SQLITE_READONLY")) {
            return new StoreException(file + " is read-only: " + message, e);
        }
        if (message.contains("SQLITE_FULL")) {
            return new StoreException("the disk holding " + file + " is full", e);
        }
        return new StoreException("database error on " + file + ": " + message, e);
    }

    private void checkAndMigrate() {
        int version;
        int applicationId;
        boolean hasTables;
        try (Statement st = connection.createStatement()) {
            // Read-only probes first: a corrupt or foreign file fails here, before anything is written.
            // One statement, one snapshot: another process may be migrating the file right now.
            try (ResultSet rs = st.executeQuery("SELECT (SELECT application_id FROM pragma_application_id()), "
                    + "(SELECT user_version FROM pragma_user_version()), (SELECT count(*) FROM sqlite_master)")) {
                rs.next();
                applicationId = rs.getInt(1);
                version = rs.getInt(2);
                hasTables = rs.getInt(3) > 0;
            }
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("NOTADB") || message.contains("not a database") || message.contains("CORRUPT")
                    || message.contains("malformed")) {
                throw new StoreException(file + " is not a readable Engram database (" + firstLine(message)
                        + "); the file was left untouched", e);
            }
            throw translate(e);
        }
        if (hasTables && applicationId != APPLICATION_ID) {
            throw new StoreException(file + " is a SQLite database of another application, not an Engram database; "
                    + "it was left untouched (choose another --data-dir)");
        }
        if (version > SCHEMA_VERSION) {
            throw new StoreException(file + " was written by a newer Engram (schema " + version + ", this build knows "
                    + SCHEMA_VERSION + "); upgrade Engram to use it");
        }
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=NORMAL");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA temp_store=MEMORY");
        } catch (SQLException e) {
            throw translate(e);
        }
        if (version < SCHEMA_VERSION) {
            migrate(version);
        }
    }

    private void migrate(int from) {
        write(c -> {
            try (Statement st = c.createStatement()) {
                // Re-read inside the write lock: another process may have migrated meanwhile.
                int current = intPragma(st, "user_version");
                for (int v = current; v < SCHEMA_VERSION; v++) {
                    String script = resource(MIGRATIONS.get(v));
                    for (String sql : SqlScript.statements(script)) {
                        st.execute(sql);
                    }
                    st.execute("PRAGMA user_version=" + (v + 1));
                    log.atInfo().setMessage("schema migrated").addKeyValue("file", file.toString())
                            .addKeyValue("from", v).addKeyValue("to", v + 1).log();
                }
                st.execute("PRAGMA application_id=" + APPLICATION_ID);
            }
            return null;
        });
    }

    private static int intPragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String resource(String path) {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema resource " + path, e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection that failed to open
        } finally {
            lock.unlock();
        }
    }
}
