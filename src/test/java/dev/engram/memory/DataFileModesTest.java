package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is 0700 and engram.db, -wal and -shm are 0600, new or found wider. */
class DataFileModesTest {
    @TempDir
    Path dir;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static void saveOne(SqliteMemoryStore store) {
        store.save(NewObservation.of("demo", "Use WAL", "readers never block"));
    }

    @Test
    void aNewDataDirectoryAndItsDatabaseFilesAreTheOwnersOnly() throws Exception {
        Path data = dir.resolve("new/.engram");
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
            saveOne(store);
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("engram.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("engram.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("engram.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingWiderDirectoryAndDatabaseAreTightenedOnOpen() throws Exception {
        Path data = dir.resolve("old");
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
            saveOne(store);
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("engram.db"), PosixFilePermissions.fromString("rw-r--r--"));
        // A -wal left behind wider (say, by an older build after a crash).
        Path wal = Files.write(data.resolve("engram.db-wal"), new byte[0]);
        Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-rw-rw-"));

        try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
            assertThat(store.search(SearchQuery.of("wal"))).hasSize(1);
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("engram.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("engram.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("engram.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void sqliteGivesWalAndShmTheModeOfTheMainFile() throws Exception {
        // What the store relies on between opens: SQLite itself (not Engram) creates -wal and -shm
        // with the database file's permissions, whatever the umask.
        Path data = dir.resolve("copy");
        SqliteMemoryStore.open(data).close();
        Path db = data.resolve("engram.db");
        assertThat(data.resolve("engram.db-wal")).as("a clean close removes the WAL").doesNotExist();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE probe (x)");
            assertThat(mode(data.resolve("engram.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("engram.db-shm"))).isEqualTo("rw-------");
        }
    }
}
