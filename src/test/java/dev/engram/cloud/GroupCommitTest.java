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
