package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.engram.logging.LogSetup;
import dev.engram.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database whose version clock was pushed out of range by an older build (a peer's crafted version)
 * saves again without anyone editing SQL: versions restart from the wall clock, with one WARN.
 */
class VersionClockRepairTest {
    static final Instant NOW = Instant.parse("2026-11-27T06:00:00.000Z");
    static final String WALL_HEX = String.format("%012x", NOW.toEpochMilli());

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(NOW);
    int opened;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger storeLogger = LogSetup.logback().getLogger("engram.store");

    @BeforeEach
    void listen() {
        logged.start();
        storeLogger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        storeLogger.detachAppender(logged);
    }

    /** A store whose meta.hlc was set to {@code stored} by a previous process. */
    private SqliteMemoryStore bricked(String stored) {
        Path file = dir.resolve("engram-" + (++opened) + ".db");
        try (SqliteMemoryStore old = SqliteMemoryStore.openFile(file, clock, new Random(1))) {
            old.write(c -> {
                Sql.metaPut(c, "hlc", stored);
                return null;
            });
        }
        return SqliteMemoryStore.openFile(file, clock, new Random(1));
    }

    private static String hlc(SqliteMemoryStore store) {
        return store.read(c -> Sql.metaGet(c, "hlc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffffffffffff.ffff.x", "1000000000000.0000.r-x", "not a version", "fffffffffff.0000.r-x"})
    void aStoreWithAnUnusableClockSavesAgainWithVersionsFromTheWallClock(String stored) {
        try (SqliteMemoryStore store = bricked(stored)) {
            Observation first = store.save(NewObservation.of("demo", "after the repair", "works")).observation();
            store.save(NewObservation.of("demo", "and again", "works"));
            store.savePrompt(null, "a prompt", "demo");

            String hlc = store.read(c -> Sql.metaGet(c, "hlc"));
            assertThat(hlc).startsWith(WALL_HEX + ".").endsWith("." + store.replicaId());
            String version = store.read(c -> Sql.one(c, "SELECT version FROM observations WHERE id = ?", rs -> rs.getString(1), first.id()));
            assertThat(version).startsWith(WALL_HEX + ".");

            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1).first().satisfies(e -> {
                assertThat(e.getFormattedMessage()).contains("version clock");
                assertThat(e.getKeyValuePairs()).anySatisfy(kv -> assertThat(kv.key).isEqualTo("component"));
                assertThat(e.getKeyValuePairs().toString()).doesNotContain("after the repair");
            });
        }
    }

    @Test
    void aClockMoreThanADayAheadIsRestartedButOneLessThanADayAheadIsKept() {
        String twoDaysAhead = String.format("%012x.0000.r-peer", NOW.plus(Duration.ofDays(2)).toEpochMilli());
        try (SqliteMemoryStore store = bricked(twoDaysAhead)) {
            store.save(NewObservation.of("demo", "t", "c"));
            assertThat(hlc(store)).startsWith(WALL_HEX + ".");
        }
        String hourAhead = String.format("%012x.0000.r-peer", NOW.plus(Duration.ofHours(1)).toEpochMilli());
        try (SqliteMemoryStore store = bricked(hourAhead)) {
            store.save(NewObservation.of("demo", "t2", "c2"));
            // a peer a little ahead is normal: local writes order after what it wrote
            assertThat(hlc(store)).isGreaterThan(hourAhead).startsWith(hourAhead.substring(0, 13));
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
    }
}
