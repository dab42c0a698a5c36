package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseOpeningTest {
    @TempDir
    Path dir;

    private SqliteMemoryStore open(Path file) {
        return SqliteMemoryStore.openFile(file, InstantSource.system(), new SecureRandom());
    }

    @Test
    void refusesACorruptFileAndLeavesItUntouched() throws Exception {
        Path file = dir.resolve("engram.db");
        byte[] garbage = "this is not a database, just some text that is long enough to look like a header....."
                .repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);

        assertThatThrownBy(() -> open(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("left untouched");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
        assertThat(dir.resolve("engram.db-wal")).doesNotExist();
    }

    @Test
    void refusesADatabaseOfAnotherApplication() throws Exception {
        Path file = dir.resolve("engram.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        }
        assertThatThrownBy(() -> open(file)).isInstanceOf(StoreException.class).hasMessageContaining("another application");
    }

    @Test
    void refusesADatabaseWrittenByANewerVersion() throws Exception {
        Path file = dir.resolve("engram.db");
        open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version=" + (Database.SCHEMA_VERSION + 1));
        }
        assertThatThrownBy(() -> open(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Engram").hasMessageContaining("upgrade");
    }

    @Test
    void reopeningKeepsDataAndSchema() {
        Path file = dir.resolve("engram.db");
        try (SqliteMemoryStore s = open(file)) {
            s.save(NewObservation.of("demo", "kept", "across reopen"));
        }
        try (SqliteMemoryStore s = open(file)) {
            assertThat(s.search(SearchQuery.of("reopen"))).hasSize(1);
            String mode = s.read(c -> Sql.one(c, "PRAGMA journal_mode", rs -> rs.getString(1)));
            assertThat(mode).isEqualTo("wal");
        }
    }

    @Test
    void twoStoresOnOneFileWriteConcurrentlyWithoutLosingAnything() throws Exception {
        Path file = dir.resolve("engram.db");
        int perWriter = 200;
        try (SqliteMemoryStore a = open(file); SqliteMemoryStore b = open(file)) {
            a.enroll("demo");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> futures = new ArrayList<>();
            for (SqliteMemoryStore s : List.of(a, b)) {
                String name = s == a ? "a" : "b";
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < perWriter; i++) {
                        s.save(NewObservation.of("demo", name + " " + i, "from writer " + name + " number " + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(a.stats().observations()).isEqualTo(2L * perWriter);
            assertThat(b.pendingCount()).isEqualTo(2L * perWriter + 1); // + the manual-demo session
            List<String> versions = a.read(c -> Sql.list(c, "SELECT version FROM observations", rs -> rs.getString(1)));
            assertThat(versions).doesNotHaveDuplicates();
        }
    }
}
