package dev.engram.metrics;

import dev.engram.memory.SqliteMemoryStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry of a local process ({@code serve}, {@code mcp}) with the store gauges bound. The
 * autosync manager registers its counters, gauges and cycle histogram on the same registry.
 */
public final class LocalMetrics {
    private LocalMetrics() {
    }

    /** A fresh registry with {@code engram_observations} and {@code engram_sync_pending_mutations}. */
    public static PrometheusMeterRegistry create(SqliteMemoryStore store) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("engram.observations", store, s -> s.stats().observations())
                .description("Live (not deleted) observations in the local store")
                .register(registry);
        Gauge.builder("engram.sync.pending.mutations", store, SqliteMemoryStore::pendingCount)
                .description("Journal rows not yet acknowledged by the cloud server")
                .register(registry);
        return registry;
    }
}
