package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.autosync.CycleReport;
import dev.engram.autosync.Phase;
import dev.engram.autosync.SyncStatus;
import dev.engram.transport.HttpSyncTransport;
import dev.engram.transport.PulledMutation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the network does to replication, against the real cloud server: a server that is down, a
 * connection reset mid-request, a response lost after the server stored the batch, a server too slow to
 * answer. Each failure is {@code transport_failed} in the cycle report and in the persisted status, and
 * the next pass after the fault heals recovers without losing or duplicating a write.
 */
class NetworkFaultsEndToEndTest {
    private static final String PROJECT = "alpha";
    private static final HttpSyncTransport.Settings IMPATIENT =
            new HttpSyncTransport.Settings(Duration.ofSeconds(2), Duration.ofMillis(700), 1 << 20);

    @TempDir
    Path dir;

    private Cloud cloud;
    private String token;

    @BeforeEach
    void startServer() {
        cloud = Cloud.start(dir);
        token = cloud.token("team", PROJECT);
    }

    @AfterEach
    void stopServer() {
        cloud.close();
    }

    @Test
    void aServerThatIsDownIsTransportFailedAndTheFirstPassAfterItReturnsIsHealthyWithNothingPending() {
        try (Replica a = Replica.in(dir, "a").connect(cloud.url(), token, PROJECT);
                Replica b = Replica.in(dir, "b").connect(cloud.url(), token, PROJECT)) {
            assertOk(a.sync());
            cloud.stop();
            a.save(PROJECT, "written offline", "saved while the server was down");
            long queued = a.store.pendingCount(); // the observation and its manual session

            CycleReport down = a.sync();

            assertTransportFailed(a, down);
            assertThat(a.persistedStatus().pendingCount()).isEqualTo(queued).isPositive();

            cloud.restart();
            assertOk(a.sync());
            assertHealthy(a);
            assertOk(b.sync());
            assertThat(b.searchIds(PROJECT, "offline")).hasSize(1);
        }
    }

    @Test
    void aConnectionResetMidRequestIsTransportFailedAndTheRetryDeliversTheWrite() throws Exception {
        try (FaultProxy proxy = new FaultProxy(cloud.port());
                Replica a = Replica.in(dir, "a").connect(proxy.url(), token, PROJECT);
                Replica b = Replica.in(dir, "b").connect(cloud.url(), token, PROJECT)) {
            assertOk(a.sync());
            a.save(PROJECT, "reset victim", "in flight when the connection broke");
            proxy.swallowNext(FaultProxy.Swallow.PUSH_REQUEST);

            CompletableFuture<CycleReport> pass = CompletableFuture.supplyAsync(a::sync);
            proxy.awaitSwallowed(Duration.ofSeconds(10));
            proxy.crusher.closeAllPairs();
            CycleReport reset = pass.get(10, TimeUnit.SECONDS);

            assertTransportFailed(a, reset);
            assertThat(cloud.stored(token)).noneMatch(m -> m.mutationId().startsWith(a.store.replicaId()) && m.op().equals("upsert")
                    && m.payloadJson().contains("reset victim"));
            proxy.passEverything();
            assertOk(a.sync());
            assertHealthy(a);
            assertOk(b.sync());
            assertThat(b.searchIds(PROJECT, "victim")).hasSize(1);
        }
    }

    @Test
    void aResponseLostAfterTheServerStoredTheBatchIsRetriedWithoutADuplicate() throws Exception {
        try (FaultProxy proxy = new FaultProxy(cloud.port());
                Replica a = Replica.in(dir, "a").connect(proxy.url(), token, PROJECT);
                Replica b = Replica.in(dir, "b").connect(cloud.url(), token, PROJECT)) {
            assertOk(a.sync());
            a.save(PROJECT, "stored once", "the answer to this push never arrives");
            long queued = a.store.pendingCount();
            proxy.swallowNext(FaultProxy.Swallow.PUSH_RESPONSE);

            CompletableFuture<CycleReport> pass = CompletableFuture.supplyAsync(a::sync);
            proxy.awaitSwallowed(Duration.ofSeconds(10));
            assertThat(upsertsOf(cloud.stored(token), "stored once")).as("the server stored the batch").hasSize(1);
            proxy.crusher.closeAllPairs();
            CycleReport lost = pass.get(10, TimeUnit.SECONDS);

            assertTransportFailed(a, lost);
            assertThat(a.persistedStatus().pendingCount()).as("nothing acknowledged without an answer").isEqualTo(queued).isPositive();
            proxy.passEverything();
            assertOk(a.sync());
            assertHealthy(a);

            List<PulledMutation> stored = cloud.stored(token);
            assertThat(upsertsOf(stored, "stored once")).as("the re-sent mutation is stored once").hasSize(1);
            assertThat(stored).extracting(PulledMutation::mutationId).doesNotHaveDuplicates();
            assertOk(b.sync());
            assertThat(b.state()).filteredOn(o -> o.title().equals("stored once")).hasSize(1);
        }
    }

    @Test
    void aServerTooSlowToAnswerIsTransportFailedAndThePassAfterItAnswersAgainRecovers() throws Exception {
        try (FaultProxy proxy = new FaultProxy(cloud.port());
                Replica a = Replica.in(dir, "a").http(IMPATIENT).connect(proxy.url(), token, PROJECT);
                Replica b = Replica.in(dir, "b").connect(cloud.url(), token, PROJECT)) {
            assertOk(a.sync());
            a.save(PROJECT, "slow path", "pushed while the server hung");
            proxy.crusher.freeze();

            CycleReport slow = a.sync();

            assertTransportFailed(a, slow);
            assertThat(slow.error()).contains("no answer within");
            proxy.crusher.unfreeze();
            assertOk(a.sync());
            assertHealthy(a);
            assertOk(b.sync());
            assertThat(b.state()).filteredOn(o -> o.title().equals("slow path")).hasSize(1);
            assertThat(upsertsOf(cloud.stored(token), "slow path")).hasSize(1);
        }
    }

    private static List<PulledMutation> upsertsOf(List<PulledMutation> stored, String title) {
        return stored.stream().filter(m -> m.op().equals("upsert") && m.payloadJson().contains("\"" + title + "\"")).toList();
    }

    static void assertOk(CycleReport report) {
        assertThat(report.ok()).as("%s %s", report.reasonCode(), report.error()).isTrue();
    }

    private static void assertTransportFailed(Replica r, CycleReport report) {
        assertThat(report.ok()).isFalse();
        assertThat(report.reasonCode()).isEqualTo("transport_failed");
        SyncStatus status = r.persistedStatus();
        assertThat(status.reasonCode()).isEqualTo("transport_failed");
        assertThat(status.reasonMessage()).isNotBlank();
        assertThat(status.consecutiveFailures()).isPositive();
    }

    private static void assertHealthy(Replica r) {
        SyncStatus status = r.persistedStatus();
        assertThat(status.phase()).isEqualTo(Phase.HEALTHY);
        assertThat(status.reasonCode()).isNull();
        assertThat(status.reasonMessage()).isNull();
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.pendingCount()).isZero();
    }
}
