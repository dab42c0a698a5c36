package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.autosync.AutosyncEvent;
import dev.engram.autosync.CycleReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease between processes sharing one data directory, with a real second JVM: while it holds the lease
 * this process stays passive; after it is killed with SIGKILL (no chance to release the lease) this
 * process takes over once the lease expires and pushes what was written meanwhile.
 */
class LeaseTakeoverEndToEndTest {
    private static final String PROJECT = "alpha";
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Scheduling slack on a loaded 2-core CI machine; the rule being checked is TTL + one poll interval. */
    private static final Duration SLACK = Duration.ofMillis(1800);

    @TempDir
    Path dir;

    @Test
    void aSecondManagerStaysPassiveWhileAnotherProcessHoldsTheLeaseAndTakesOverWithinTheTtlAfterItIsKilled() throws Exception {
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("team", PROJECT);
            Path data = Files.createDirectories(dir.resolve("data"));
            try (Replica here = Replica.in(data, "engram").env(LeaseHolderMain.ENV).connect(cloud.url(), token, PROJECT);
                    Replica elsewhere = Replica.in(dir, "elsewhere").connect(cloud.url(), token, PROJECT)) {
                Process holder = startHolder(data, cloud.url(), token);
                try {
                    String holderId = awaitReady(holder);

                    CycleReport passive = here.sync();
                    assertThat(passive.leaseHeldByAnother()).isTrue();
                    assertThat(here.persistedStatus().leaseOwner()).isEqualTo(holderId);
                    here.manager.start();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !here.events.of(AutosyncEvent.LeaseHeld.class).isEmpty());
                    assertThat(here.events.of(AutosyncEvent.LeaseHeld.class)).allMatch(e -> e.owner().equals(holderId));

                    holder.destroyForcibly(); // SIGKILL: the lease stays in the table until it expires
                    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    long killed = System.nanoTime();
                    here.save(PROJECT, "after the kill", "written while nobody held a live lease");

                    await().atMost(TTL.plus(POLL).plus(SLACK)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                        assertThat(here.persistedStatus().leaseOwner()).isEqualTo(here.manager.leaseOwner());
                        assertThat(here.store.pendingCount()).isZero();
                    });
                    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                    System.out.println("lease takeover after SIGKILL took " + takeover.toMillis() + "ms");
                    NetworkFaultsEndToEndTest.assertOk(elsewhere.sync());
                    assertThat(elsewhere.searchIds(PROJECT, "kill")).hasSize(1);
                } finally {
                    holder.destroyForcibly();
                }
            }
        }
    }

    private Process startHolder(Path data, String url, String token) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LeaseHolderMain.class.getName(), data.toString(), url, token)
                .redirectError(dir.resolve("holder.err").toFile())
                .start();
    }

    private String awaitReady(Process holder) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ready ")) {
                        return line.substring("ready ".length()).strip();
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String id = ready.get(60, TimeUnit.SECONDS);
        assertThat(id).as(() -> readQuietly(dir.resolve("holder.err"))).isNotNull();
        return id;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
