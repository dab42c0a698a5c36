package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.autosync.SyncStatusReader;
import dev.engram.app.ReplicationWiring;
import dev.engram.cli.Replication;
import dev.engram.config.CloudSettings;
import dev.engram.config.CloudSettingsFile;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code engram serve}-like front doors on one data directory, each started through the production
 * wiring ({@code ReplicationWiring.startAutosync} with {@code cloud.json}): one of them holds the lease for
 * the whole run, and the writes made through the other one still reach another machine promptly (the
 * holder notices them through SQLite's data version).
 */
class SharedDatabaseEndToEndTest {
    private static final String PROJECT = "alpha";
    private static final Map<String, String> ENV = Map.of("ENGRAM_AUTOSYNC_DEBOUNCE", "20ms", "ENGRAM_AUTOSYNC_LEASE_TTL", "5s");

    @TempDir
    Path dir;

    @Test
    void twoProcessesOnOneDatabaseHaveOneLeaseHolderAndBothReplicateTheirWrites() throws Exception {
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("team", PROJECT);
            Path data = Files.createDirectories(dir.resolve("data"));
            CloudSettingsFile.write(data, new CloudSettings(URI.create(cloud.url()), token, true));
            Replication wiring = productionWiring(ENV);
            try (SqliteMemoryStore first = SqliteMemoryStore.open(data);
                    SqliteMemoryStore second = SqliteMemoryStore.open(data);
                    Replica remote = Replica.in(dir, "remote").connect(cloud.url(), token, PROJECT)) {
                first.enroll(PROJECT);
                try (AutoCloseable serveOne = wiring.startAutosync(data, first, null);
                        AutoCloseable serveTwo = wiring.startAutosync(data, second, null)) {
                    Set<String> owners = ConcurrentHashMap.newKeySet();
                    await().atMost(Duration.ofSeconds(10)).until(() -> record(owners, first) != null);

                    first.save(NewObservation.of(PROJECT, "through the first", "written by serve one"));
                    second.save(NewObservation.of(PROJECT, "through the second", "written by serve two"));

                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                        record(owners, second);
                        NetworkFaultsEndToEndTest.assertOk(remote.sync());
                        assertThat(remote.searchIds(PROJECT, "written")).hasSize(2);
                    });
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(first.pendingCount()).isZero());
                    record(owners, first);
                    assertThat(owners).as("lease owners seen during the run").hasSize(1);
                }
            }
        }
    }

    private static String record(Set<String> owners, SqliteMemoryStore store) {
        String owner = new SyncStatusReader(store).read().leaseOwner();
        if (owner != null) {
            owners.add(owner);
        }
        return owner;
    }

    private static Replication productionWiring(Map<String, String> env) {
        return new ReplicationWiring(env);
    }
}
