package dev.engram.metrics;

import dev.engram.autosync.AutosyncEvent;
import dev.engram.autosync.AutosyncListener;
import dev.engram.autosync.SyncStatus;
import dev.engram.sync.SyncEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * The autosync side of contract 9 on a local process's registry: counters and the cycle histogram fed
 * by manager events, gauges read from the status record (so they show the persisted truth). Gauges hold
 * their status supplier strongly: Micrometer's default weak reference would lose a lambda to the GC.
 */
public final class AutosyncMetrics implements AutosyncListener {
    private final MeterRegistry registry;
    private final Counter pushed;
    private final Counter pulled;
    private final Timer cycles;

    public AutosyncMetrics(MeterRegistry registry, Supplier<SyncStatus> status, InstantSource clock) {
        this.registry = registry;
        this.pushed = Counter.builder("engram.sync.mutations.pushed").description("Mutations the cloud server accepted from this replica")
                .register(registry);
        this.pulled = Counter.builder("engram.sync.mutations.pulled").description("Pulled mutations applied to the local store")
                .register(registry);
        this.cycles = Timer.builder("engram.sync.cycle.duration").description("Duration of autosync cycles")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("engram.sync.oldest.pending.age", status, s -> seconds(s.get().oldestPendingAgeMs()))
                .description("Age of the oldest journal row not yet acknowledged (seconds)").baseUnit("seconds").strongReference(true).register(registry);
        Gauge.builder("engram.sync.consecutive.failures", status, s -> s.get().consecutiveFailures())
                .description("Failed cycles since the last success").strongReference(true).register(registry);
        Gauge.builder("engram.sync.since.last.success", status, s -> s.get().lastSyncAt() == null ? Double.NaN
                        : Duration.between(s.get().lastSyncAt(), clock.instant()).toMillis() / 1000.0)
                .description("Seconds since the last fully successful pass (NaN before the first)").baseUnit("seconds").strongReference(true).register(registry);
        Gauge.builder("engram.sync.dead.mutations", status, s -> s.get().deadCount())
                .description("Pulled mutations set aside because they could not be applied").strongReference(true).register(registry);
    }

    private static double seconds(Long millis) {
        return millis == null ? 0 : millis / 1000.0;
    }

    @Override
    public void on(AutosyncEvent event) {
        switch (event) {
            case AutosyncEvent.CycleComplete c -> cycles.record(c.elapsed());
            case AutosyncEvent.FailureRecorded f -> Counter.builder("engram.sync.failures")
                    .description("Failed cycles by reason code").tag("reason_code", f.failure().reason().wire())
                    .register(registry).increment();
            case AutosyncEvent.InCycle in -> {
                switch (in.event()) {
                    case SyncEvent.ProjectBatchPushed p -> pushed.increment(p.mutations());
                    case SyncEvent.PullComplete p -> pulled.increment(p.applied());
                    // pages applied before a later page failed stay applied: count them too
                    case SyncEvent.PullFailed p -> pulled.increment(p.applied());
                    default -> { }
                }
            }
            default -> { }
        }
    }
}
