package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataVersionProbeTest {
    @TempDir
    Path dir;

    @Test
    void seesCommitsOfOtherConnectionsOnly() {
        try (SqliteMemoryStore mine = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SplittableRandom(1));
                SqliteMemoryStore other = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SplittableRandom(2))) {
            DataVersionProbe probe = new DataVersionProbe(mine);
            assertThat(probe.changed()).isFalse();

            mine.save(NewObservation.of("alpha", "own write", "c"));
            assertThat(probe.changed()).as("own commits").isFalse();

            other.save(NewObservation.of("alpha", "other write", "c"));
            assertThat(probe.changed()).as("another connection's commit").isTrue();
            assertThat(probe.changed()).isFalse();
        }
    }

    @Test
    void aPassiveProcessCheckingTheLeaseDoesNotWakeTheHolder() {
        try (SqliteMemoryStore holder = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SplittableRandom(1));
                SqliteMemoryStore passive = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SplittableRandom(2))) {
            new Lease(holder, "holder", Duration.ofSeconds(60)).acquire(java.time.Instant.now());
            DataVersionProbe probe = new DataVersionProbe(holder);
            probe.changed();

            Lease.Outcome outcome = new Lease(passive, "passive", Duration.ofSeconds(60)).acquire(java.time.Instant.now());

            assertThat(outcome).isInstanceOf(Lease.Outcome.HeldByAnother.class);
            assertThat(probe.changed()).isFalse();
        }
    }
}
