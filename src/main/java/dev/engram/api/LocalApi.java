package dev.engram.api;

import dev.engram.base.EngramException;
import dev.engram.base.LoopbackNames;
import dev.engram.logging.ComponentLogger;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.Recall;
import dev.engram.view.SyncStatusSource;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local HTTP API of {@code engram serve}: the route table of contract section 4 and its lifecycle.
 *
 * <p>Collaborators come from the composition root: the store, the sync status source (the seam the
 * autosync manager plugs into), and the metrics registry that {@code GET /metrics} scrapes (autosync
 * registers its meters on the same registry), and who besides loopback may call ({@link LocalAccess}).
 * A {@link RequestGuard} stands in front of every route, matched or not.
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
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]");

    private final SqliteMemoryStore store;
    private final SyncStatusSource status;
    private final PrometheusMeterRegistry registry;
    private final String version;
    private final LocalAccess access;
    private final List<Consumer<RoutesConfig>> modules = new ArrayList<>();
    private final Map<String, HttpServlet> tokenServlets = new LinkedHashMap<>();
    private final String defaultProject;
    private final Recall recall;
    private Javalin app;

    /** Loopback names only, keyword search only; the token (needed when bound beyond loopback) lives beside the database. */
    public LocalApi(SqliteMemoryStore store, SyncStatusSource status, PrometheusMeterRegistry registry, String version) {
        this(store, status, registry, version, LocalAccess.loopbackOnly(ServeToken.in(store.file().toAbsolutePath().getParent())));
    }

    public LocalApi(SqliteMemoryStore store, SyncStatusSource status, PrometheusMeterRegistry registry, String version,
                    LocalAccess access) {
        this(store, status, registry, version, access, null, Recall.keywordOnly(store));
    }

    /** Loopback names only; {@code recall} runs {@code GET /search} in every mode and gives {@code GET /stats} the index coverage. */
    public LocalApi(SqliteMemoryStore store, SyncStatusSource status, PrometheusMeterRegistry registry, String version, Recall recall) {
        this(store, status, registry, version, LocalAccess.loopbackOnly(ServeToken.in(store.file().toAbsolutePath().getParent())),
                null, recall);
    }

    /**
     * {@code defaultProject} (resolved by {@code engram serve} from its working directory) fills the
     * {@code project} of a write whose body leaves it out; null keeps {@code project} required.
     * {@code recall} runs {@code GET /search} in every mode and gives {@code GET /stats} the index coverage.
     */
    public LocalApi(SqliteMemoryStore store, SyncStatusSource status, PrometheusMeterRegistry registry, String version,
                    LocalAccess access, String defaultProject, Recall recall) {
        this.defaultProject = defaultProject;
        this.recall = recall;
        this.store = store;
        this.status = status;
        this.registry = registry;
        this.version = version;
        this.access = access;
    }

    /**
     * Adds routes beside the API's own (the web UI); they meet the same guard. Call before {@link #start}.
     */
    public synchronized LocalApi withRoutes(Consumer<RoutesConfig> module) {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        modules.add(module);
        return this;
    }

    /**
     * Serves {@code servlet} at {@code path} (MCP at {@code /mcp}) behind the guard, with the bearer token
     * required even on loopback: any local process or container talking to it must prove it may. Call
     * before {@link #start}.
     */
    public synchronized LocalApi withTokenServlet(String path, HttpServlet servlet) {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        tokenServlets.put(path, servlet);
        return this;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and returns the bound port. Bound beyond
     * loopback, every request but {@code GET /health} needs the token (created now when missing).
     */
    public synchronized int start(String host, int port) {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        RequestGuard guard = guardFor(host);
        if (!tokenServlets.isEmpty()) {
            access.token().readOrCreate();
        }
        RequestGuard tokenGuard = guard.requiringToken();
        Javalin created = Javalin.create(config -> {
            configure(config, guard);
            mountServlets(config, tokenGuard);
        });
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

    private RequestGuard guardFor(String bindHost) {
        boolean tokenRequired = !LoopbackNames.isLoopbackHost(bindHost);
        Set<Authority> allowed = new HashSet<>(access.allowedHosts());
        // The address the user bound is theirs to use in URLs too (never a wildcard: 0.0.0.0 is no host).
        String bracketed = bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        Authority.parse(bracketed).filter(a -> !WILDCARDS.contains(a.host()))
                .ifPresent(a -> allowed.add(new Authority(a.host(), Authority.NO_PORT)));
        if (tokenRequired) {
            access.token().readOrCreate();
            log.atInfo().setMessage("bearer token required").addKeyValue("host", bindHost)
                    .addKeyValue("token_file", access.token().file().toString()).log();
        }
        return new RequestGuard(allowed, tokenRequired, access.token());
    }

    /** Every request meets the guard first, matched route or not; a refusal ends it there. */
    private static void guard(RequestGuard guard, Context ctx) {
        long length = ctx.req().getContentLengthLong();
        GuardedRequest request = new GuardedRequest(ctx.method().name(), ctx.path(), header(ctx, "Host"),
                header(ctx, "Origin"), header(ctx, "Sec-Fetch-Site"), header(ctx, "Content-Type"),
                length > 0 || header(ctx, "Transfer-Encoding") != null, header(ctx, "Authorization"));
        if (guard.check(request) instanceof RequestGuard.Refused refused) {
            ApiErrors.refuse(ctx, refused);
            ctx.skipRemainingHandlers();
        }
    }

    /** All values of header {@code name} joined with ", " (as HTTP combines repeats), or null when absent. */
    private static String header(Context ctx, String name) {
        List<String> values = Collections.list(ctx.req().getHeaders(name));
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private void configure(JavalinConfig config, RequestGuard guard) {
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

        MemoryEndpoints memory = new MemoryEndpoints(store, status, recall, MAX_BODY_BYTES, defaultProject);
        var routes = config.routes;
        routes.before(ctx -> guard(guard, ctx));
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
        modules.forEach(m -> m.accept(routes));
        routes.exception(HttpResponseException.class, ApiErrors::handle);
        routes.exception(Exception.class, ApiErrors::handle);
    }

    private void mountServlets(JavalinConfig config, RequestGuard tokenGuard) {
        if (tokenServlets.isEmpty()) {
            return;
        }
        config.jetty.modifyServletContextHandler(handler -> tokenServlets.forEach((path, servlet) -> {
            FilterHolder filter = new FilterHolder(new ServletGuard(tokenGuard));
            filter.setAsyncSupported(true);
            handler.addFilter(filter, path, EnumSet.of(DispatcherType.REQUEST));
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            handler.addServlet(holder, path);
        }));
    }

    private void health(Context ctx) {
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
