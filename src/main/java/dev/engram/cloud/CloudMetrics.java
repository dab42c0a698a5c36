package dev.engram.cloud;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's meters (contract 9), one registry per server so in-process servers do not share
 * counts: {@code engram_cloud_pushes_total{outcome}}, {@code engram_cloud_pulls_total{outcome}},
 * {@code engram_cloud_mutations_stored_total}, {@code engram_cloud_mutations_pulled_total},
 * {@code engram_cloud_request_duration_seconds{endpoint,status}} (histogram) and
 * {@code engram_cloud_long_polls_waiting}.
 */
final class CloudMetrics {
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter stored;
    private final Counter pulled;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Meters by tag values, so a request does not pay for a registry lookup. */
    private final ConcurrentHashMap<String, Counter> pushes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> pulls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    CloudMetrics(String storeKind) {
        registry.config().commonTags("store", storeKind);
        stored = Counter.builder("engram.cloud.mutations.stored").description("Mutations stored (repeats excluded)").register(registry);
        pulled = Counter.builder("engram.cloud.mutations.pulled").description("Mutations returned by pulls").register(registry);
        Gauge.builder("engram.cloud.long.polls.waiting", waiting, AtomicInteger::get)
                .description("Pulls currently waiting for a mutation").register(registry);
    }

    void push(String outcome) {
        pushes.computeIfAbsent(outcome, o -> Counter.builder("engram.cloud.pushes").description("Push requests by outcome")
                .tag("outcome", o).register(registry)).increment();
    }

    void pull(String outcome) {
        pulls.computeIfAbsent(outcome, o -> Counter.builder("engram.cloud.pulls").description("Pull requests by outcome")
                .tag("outcome", o).register(registry)).increment();
    }

    void stored(int count) {
        stored.increment(count);
    }

    void pulled(int count) {
        pulled.increment(count);
    }

    void request(String endpoint, int status, Duration elapsed) {
        timers.computeIfAbsent(endpoint + " " + status, k -> Timer.builder("engram.cloud.request.duration").description("Request handling time")
                .tag("endpoint", endpoint).tag("status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(elapsed);
    }

    AtomicInteger waiting() {
        return waiting;
    }

    String scrape() {
        return registry.scrape();
    }
}
