package dev.engram.api;

import dev.engram.base.EngramException;
import dev.engram.logging.ComponentLogger;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.Recall;
import dev.engram.view.SyncStatusSource;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local HTTP API of {@code engram serve}: the route table of contract section 4 and its lifecycle.
 *
 * <p>Collaborators come from the composition root: the store, the sync status source (the seam the
 * autosync manager plugs into), and the metrics registry that {@code GET /metrics} scrapes (autosync
 * registers its meters on the same registry).
 */
public final class LocalApi implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7437;
    /** Largest request body accepted (2 MiB): an observation's content is at most 1,000,000 characters. */
    public static final long MAX_BODY_BYTES = 2L * 1024 * 1024;
    /** Platform threads that may run handlers at once; SQLite serializes them anyway. */
    static final int MAX_THREADS = 16;

    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2)};
    private static final ComponentLogger log = ComponentLogger.of("http");
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final SqliteMemoryStore store;
    private final SyncStatusSource status;
    private final PrometheusMeterRegistry registry;
    private final String version;
    private final Recall recall;
    private Javalin app;

    /** Keyword search only. */
    public LocalApi(SqliteMemoryStore store, SyncStatusSource status, PrometheusMeterRegistry registry, String version) {
        this(store, status, registry, version, Recall.keywordOnly(store));
    }

    /** {@code recall} runs {@code GET /search} in every mode and gives {@code GET /stats} the index coverage. */
    public LocalApi(SqliteMemoryStore store, SyncStatusSource status, PrometheusMeterRegistry registry, String version, Recall recall) {
        this.store = store;
        this.status = status;
        this.registry = registry;
        this.version = version;
        this.recall = recall;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and returns the bound port. */
    public synchronized int start(String host, int port) {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        Javalin created = Javalin.create(this::configure);
        try {
            created.start(host, port);
        } catch (RuntimeException e) {
            created.stop();
            throw new EngramException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        app = created;
        log.atInfo().setMessage("http server started").addKeyValue("host", host).addKeyValue("port", app.port()).log();
        return app.port();
    }

    public synchronized int port() {
        return app == null ? -1 : app.port();
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.prefer405over404 = true;
        config.http.defaultContentType = Json.CONTENT_TYPE;
        config.concurrency.useVirtualThreads = false;
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2, 60_000);
        pool.setName("engram-http");
        config.jetty.threadPool = pool;
        config.requestLogger.http((ctx, ms) -> record(ctx.method().name(), Json.route(ctx), ctx.statusCode(), ms));

        MemoryEndpoints memory = new MemoryEndpoints(store, status, recall, MAX_BODY_BYTES);
        var routes = config.routes;
        routes.get("/health", this::health);
        routes.post("/sessions", memory::startSession);
        routes.post("/sessions/{id}/end", memory::endSession);
        routes.post("/observations", memory::saveObservation);
        routes.get("/observations/{id}", memory::getObservation);
        routes.patch("/observations/{id}", memory::updateObservation);
        routes.delete("/observations/{id}", memory::deleteObservation);
        routes.get("/search", memory::search);
        routes.get("/context", memory::context);
        routes.get("/timeline", memory::timeline);
        routes.post("/prompts", memory::savePrompt);
        routes.get("/stats", memory::stats);
        routes.get("/sync/status", memory::syncStatus);
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TYPE).result(registry.scrape()));
        routes.exception(HttpResponseException.class, ApiErrors::handle);
        routes.exception(Exception.class, ApiErrors::handle);
    }

    private void health(io.javalin.http.Context ctx) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", "ok");
        n.put("service", "engram");
        n.put("version", version);
        Json.ok(ctx, n);
    }

    private void record(String method, String route, int statusCode, Float millis) {
        Timer.builder("engram.http.server.requests")
                .description("Local HTTP API requests by method, route and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(statusCode))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
        log.atDebug().setMessage("request").addKeyValue("method", method).addKeyValue("route", route)
                .addKeyValue("status", statusCode).addKeyValue("elapsed", Math.round(millis)).log();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
            log.atInfo().setMessage("http server stopped").log();
        }
    }
}
