package dev.engram.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.autosync.AutosyncEvent;
import dev.engram.autosync.Phase;
import dev.engram.autosync.SyncStatus;
import dev.engram.sync.SyncEvent;
import dev.engram.testing.MutableClock;
import dev.engram.transport.Failure;
import dev.engram.transport.FailureClassifier;
import dev.engram.transport.TransportException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutosyncMetricsTest {
    @Test
    void countsPushesPullsFailuresAndCyclesAndReadsGaugesFromTheStatusEvenAfterGc() {
        MutableClock clock = MutableClock.at("2026-11-27T06:00:10.000Z");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SyncStatus status = new SyncStatus(true, "https://x", Phase.BACKOFF, "server_error", "m", "e", 3,
                null, Instant.parse("2026-11-27T06:00:00.000Z"), 5, 2_500L, 7, 9L, "me", null, 1, 0, List.of("demo"));
        AutosyncMetrics metrics = new AutosyncMetrics(registry, () -> status, clock);
        Failure failure = FailureClassifier.classify(TransportException.http(503, "unavailable", "down"));

        metrics.on(new AutosyncEvent.InCycle("c", new SyncEvent.ProjectBatchPushed("demo", 40)));
        metrics.on(new AutosyncEvent.InCycle("c", new SyncEvent.PullComplete(12, 0, 0, 7, 9)));
        metrics.on(new AutosyncEvent.InCycle("c", new SyncEvent.PullFailed(failure, Duration.ofMillis(3), 5))); // pages before the failed one
        metrics.on(new AutosyncEvent.FailureRecorded("c", failure, 3, null));
        metrics.on(new AutosyncEvent.CycleComplete("c", Duration.ofMillis(80), false));
        System.gc();

        assertThat(registry.get("engram.sync.mutations.pushed").counter().count()).isEqualTo(40);
        assertThat(registry.get("engram.sync.mutations.pulled").counter().count()).isEqualTo(17);
        assertThat(registry.get("engram.sync.failures").tag("reason_code", "server_error").counter().count()).isEqualTo(1);
        assertThat(registry.get("engram.sync.cycle.duration").timer().count()).isEqualTo(1);
        assertThat(registry.get("engram.sync.consecutive.failures").gauge().value()).isEqualTo(3);
        assertThat(registry.get("engram.sync.oldest.pending.age").gauge().value()).isEqualTo(2.5);
        assertThat(registry.get("engram.sync.since.last.success").gauge().value()).isEqualTo(10);
        assertThat(registry.get("engram.sync.dead.mutations").gauge().value()).isEqualTo(1);
    }
}
