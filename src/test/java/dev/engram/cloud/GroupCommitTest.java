package dev.engram.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    /** A writer that records group sizes and can be held inside a write. */
    static final class RecordingWriter implements GroupCommit.Writer {
        final List<Integer> groups = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold = true;
        volatile RuntimeException failNext;

        @Override
        public List<AppendResult> write(List<AppendRequest> group) {
            groups.add(group.size());
            if (hold) {
                hold = false;
                entered.countDown();
                await(release);
            }
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            return group.stream().map(r -> (AppendResult) new AppendResult.Stored(List.of((long) r.batch().size()), r.batch().size())).toList();
        }
    }

    private static AppendRequest request(int entries) {
        List<NewMutation> batch = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            batch.add(NewMutation.of("m" + i, "p", "observation", "k", "upsert", "{}"));
        }
        return new AppendRequest("t", batch, Instant.EPOCH);
    }

    @Test
    void pushesArrivingDuringAWriteAreStoredTogetherInTheNextTransaction() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        GroupCommit commit = new GroupCommit(writer);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<AppendResult> first = CompletableFuture.supplyAsync(() -> commit.append(request(1)), pool);
            writer.entered.await(10, TimeUnit.SECONDS);
            List<CompletableFuture<AppendResult>> queued = new ArrayList<>();
            for (int i = 2; i <= 4; i++) {
                int n = i;
                queued.add(CompletableFuture.supplyAsync(() -> commit.append(request(n)), pool));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 3);
            writer.release.countDown();
            assertThat(stored(first.get(10, TimeUnit.SECONDS))).isEqualTo(1);
            for (int i = 0; i < 3; i++) {
                assertThat(stored(queued.get(i).get(10, TimeUnit.SECONDS))).isEqualTo(i + 2);
            }
            assertThat(writer.groups).containsExactly(1, 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedWriteFailsItsCallersAndTheNextWriteProceeds() {
        RecordingWriter writer = new RecordingWriter();
        writer.hold = false;
        writer.failNext = new CloudStoreException("disk full", null, false);
        GroupCommit commit = new GroupCommit(writer);
        assertThatThrownBy(() -> commit.append(request(1))).isInstanceOf(CloudStoreException.class).hasMessage("disk full");
        assertThat(stored(commit.append(request(2)))).isEqualTo(2);
    }

    @Test
    void whenAGroupFailsItsPushesAreStoredOneByOneAndOnlyTheFaultyOneFails() throws Exception {
        List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(group -> {
            transactions.add(group.stream().map(AppendRequest::pushedBy).toList());
            if (group.getFirst().pushedBy().equals("first")) {
                entered.countDown();
                await(release);
            }
            if (group.stream().anyMatch(r -> r.pushedBy().equals("poison"))) {
                throw new CloudStoreException("postgresql failed: invalid byte sequence for encoding UTF8: 0x00", null, false);
            }
            return group.stream().map(r -> (AppendResult) new AppendResult.Stored(List.of(1L), 1)).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<AppendResult> first = CompletableFuture.supplyAsync(() -> commit.append(request("first", 1)), pool);
            entered.await(10, TimeUnit.SECONDS);
            CompletableFuture<AppendResult> before = CompletableFuture.supplyAsync(() -> commit.append(request("before", 1)), pool);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 1);
            CompletableFuture<AppendResult> poison = CompletableFuture.supplyAsync(() -> commit.append(request("poison", 1)), pool);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 2);
            CompletableFuture<AppendResult> after = CompletableFuture.supplyAsync(() -> commit.append(request("after", 1)), pool);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 3);
            release.countDown();

            assertThat(stored(first.get(10, TimeUnit.SECONDS))).isEqualTo(1);
            assertThat(stored(before.get(10, TimeUnit.SECONDS))).isEqualTo(1);
            assertThat(stored(after.get(10, TimeUnit.SECONDS))).isEqualTo(1);
            assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CloudStoreException.class);
            assertThat(transactions).containsExactly(List.of("first"), List.of("before", "poison", "after"),
                    List.of("before"), List.of("poison"), List.of("after"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTransientFailureFailsTheWholeGroupWithoutRetrying() throws Exception {
        List<Integer> transactions = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(group -> {
            transactions.add(group.size());
            if (group.getFirst().pushedBy().equals("first")) {
                entered.countDown();
                await(release);
                return List.of(new AppendResult.Stored(List.of(1L), 1));
            }
            throw new CloudStoreException("connection lost", null, true);
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<AppendResult> first = CompletableFuture.supplyAsync(() -> commit.append(request("first", 1)), pool);
            entered.await(10, TimeUnit.SECONDS);
            CompletableFuture<AppendResult> a = CompletableFuture.supplyAsync(() -> commit.append(request("a", 1)), pool);
            CompletableFuture<AppendResult> b = CompletableFuture.supplyAsync(() -> commit.append(request("b", 1)), pool);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commit.queued() == 2);
            release.countDown();

            assertThat(stored(first.get(10, TimeUnit.SECONDS))).isEqualTo(1);
            assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CloudStoreException.class);
            assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CloudStoreException.class);
            assertThat(transactions).containsExactly(1, 2);
        } finally {
            pool.shutdownNow();
        }
    }

    private static AppendRequest request(String token, int entries) {
        List<NewMutation> batch = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            batch.add(NewMutation.of(token + ":" + i, "p", "observation", "k", "upsert", "{}"));
        }
        return new AppendRequest(token, batch, Instant.EPOCH);
    }

    private static int stored(AppendResult result) {
        return ((AppendResult.Stored) result).stored();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
