package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.app.ReplicationWiring;
import dev.engram.autosync.CycleReport;
import dev.engram.autosync.SyncStatus;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 10, through the production wiring and the real cloud server: the status record a
 * process shows is what was persisted by whoever synced, not what the reading process's own
 * environment would say. Each "process" is its own store instance on the same file with its own env.
 */
class StatusAcrossProcessesEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aShellWithoutTheTokenSeesTheServeThatSyncsWithItsTokenFromTheEnvironment() throws Exception {
        Path data = dir.resolve("data");
        try (Cloud cloud = Cloud.start(dir);
                SqliteMemoryStore serveStore = SqliteMemoryStore.open(data);
                SqliteMemoryStore shellStore = SqliteMemoryStore.open(data)) {
            serveStore.enroll("alpha");
            serveStore.save(NewObservation.of("alpha", "t", "c"));
            ReplicationWiring serve = new ReplicationWiring(Map.of("ENGRAM_CLOUD_SERVER", cloud.url(),
                    "ENGRAM_CLOUD_TOKEN", cloud.token("laptop", "alpha"), "ENGRAM_CLOUD_AUTOSYNC", "1"));
            ReplicationWiring shell = new ReplicationWiring(Map.of());

            try (AutoCloseable autosync = serve.startAutosync(data, serveStore, null)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(shell.status(data, shellStore).toWire()).containsEntry("phase", "healthy"));
                SyncStatus shown = shell.status(data, shellStore);
                assertThat(shown.enabled()).isTrue();
                assertThat(shown.server()).isEqualTo(cloud.url());
                assertThat(shown.reasonCode()).as("not not_configured").isNull();
                assertThat(shown.pendingCount()).isZero();
                assertThat(shown.leaseOwner()).isNotNull();
            }
        }
    }

    @Test
    void aFailingEngramSyncWithAutosyncOffShowsItsFailureNotPaused() {
        Path data = dir.resolve("data");
        try (Cloud cloud = Cloud.start(dir);
                SqliteMemoryStore cliStore = SqliteMemoryStore.open(data);
                SqliteMemoryStore otherStore = SqliteMemoryStore.open(data)) {
            cliStore.enroll("alpha");
            cliStore.save(NewObservation.of("alpha", "t", "c"));
            ReplicationWiring cli = new ReplicationWiring(Map.of("ENGRAM_CLOUD_SERVER", cloud.url(),
                    "ENGRAM_CLOUD_TOKEN", "revoked-or-unknown"));

            CycleReport report = cli.syncOnce(data, cliStore, SyncRequest.FULL, SyncProgress.NONE);

            assertThat(report.reasonCode()).isEqualTo("auth_required");
            for (SyncStatus s : new SyncStatus[] {cli.status(data, cliStore), new ReplicationWiring(Map.of()).status(data, otherStore)}) {
                assertThat(s.toWire()).containsEntry("phase", "push_failed").containsEntry("reason_code", "auth_required")
                        .containsEntry("enabled", false).containsEntry("consecutive_failures", 1)
                        .containsEntry("server", cloud.url());
                assertThat(s.lastError()).contains("401");
            }
        }
    }
}
