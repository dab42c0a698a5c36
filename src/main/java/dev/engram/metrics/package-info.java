/**
 * Process metrics (contract section 9): one Micrometer {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry}
 * per long-lived process, scraped at {@code GET /metrics}. Every meter name starts with {@code engram_}.
 * Components register their own meters on the registry they are given; this package only creates it
 * and binds the store gauges. Depends on {@code memory}.
 */
package dev.engram.metrics;
