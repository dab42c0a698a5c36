package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.transport.FailureKind;
import dev.engram.transport.OutboundMutation;
import dev.engram.transport.PullPage;
import dev.engram.transport.PulledMutation;
import dev.engram.transport.PushAck;
import dev.engram.transport.SyncTransport;
import dev.engram.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LongPollWatcherTest {
    /** A server whose long poll answers when the test offers a page, or empty when the wait passes. */
    static final class ScriptedLongPoll implements SyncTransport {
        final LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        final List<Long> sinces = new CopyOnWriteArrayList<>();

        @Override
        public PushAck push(List<OutboundMutation> batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PullPage pull(long sinceSeq, int limit, long waitMs) {
            sinces.add(sinceSeq);
            try {
                Object answer = answers.poll(waitMs, TimeUnit.MILLISECONDS);
                if (answer instanceof TransportException e) {
                    throw e;
                }
                return answer == null ? new PullPage(List.of(), false, sinceSeq) : (PullPage) answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TransportException.of(FailureKind.TIMEOUT, "interrupted", e);
            }
        }
    }

    private static PullPage page(long seq, long latest) {
        return new PullPage(List.of(new PulledMutation(seq, "r-x:" + seq, "demo", "observation", "obs-1", "upsert", "{}",
                java.time.Instant.EPOCH)), true, latest);
    }

    @Test
    void wakesTheManagerOncePerArrivalAndWaitsPastWhatTheServerReported() {
        ScriptedLongPoll server = new ScriptedLongPoll();
        AtomicInteger wakes = new AtomicInteger();
        try (LongPollWatcher watcher = new LongPollWatcher(server, () -> 7, wakes::incrementAndGet, Duration.ofSeconds(10),
                Duration.ofSeconds(1))) {
            watcher.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sinces.size() == 1);
            assertThat(server.sinces).containsExactly(7L);

            server.answers.add(page(8, 12));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sinces.size() == 2);
            assertThat(wakes).hasValue(1);
            assertThat(server.sinces.get(1)).isEqualTo(12L);
        }
    }

    @Test
    void aFailedRequestIsRetriedAfterAPauseAndStopIsPrompt() {
        ScriptedLongPoll server = new ScriptedLongPoll();
        server.answers.add(TransportException.of(FailureKind.CONNECT, "connection refused", null));
        AtomicInteger wakes = new AtomicInteger();
        LongPollWatcher watcher = new LongPollWatcher(server, () -> 0, wakes::incrementAndGet, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        watcher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sinces.size() == 2);
        long start = System.nanoTime();
        watcher.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(wakes).hasValue(0);
    }
}
