package dev.engram.cloud;

import dev.engram.base.Timestamps;
import dev.engram.logging.ComponentLogger;
import dev.engram.protocol.HealthResponse;
import dev.engram.protocol.PushResponse;
import dev.engram.protocol.SyncProtocol;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/** The endpoints of contract 8: push, pull with long poll, health and metrics. Errors leave as {@link ApiException}. */
final class SyncRoutes {
    private static final ComponentLogger log = ComponentLogger.of("cloud");
    /** A waiting pull re-reads at least this often, in case a wake-up was missed (a NOTIFY lost while reconnecting). */
    static final long RECHECK_MS = 1_000;
    /** Request attribute set once the whole body was read; an error before that closes the connection. */
    static final String BODY_READ = "engram.body-read";

    private final CloudStore store;
    private final Authenticator authenticator;
    private final PushParser parser;
    private final ChangeSignal signal;
    private final CloudMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxPushBytes;
    private final int maxPullBytes;
    private final String version;

    SyncRoutes(CloudStore store, Authenticator authenticator, PushParser parser, ChangeSignal signal, CloudMetrics metrics,
               ObjectMapper json, Clock clock, int maxPushBytes, int maxPullBytes, String version) {
        this.store = store;
        this.authenticator = authenticator;
        this.parser = parser;
        this.signal = signal;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.maxPushBytes = maxPushBytes;
        this.maxPullBytes = maxPullBytes;
        this.version = version;
    }

    void health(Context ctx) {
        respond(ctx, 200, json.writeValueAsBytes(new HealthResponse("ok", SyncProtocol.SERVICE, version, store.serverId())));
    }

    void metrics(Context ctx) {
        authenticate(ctx);
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    void push(Context ctx) {
        Principal caller = authenticate(ctx);
        byte[] body = readBody(ctx);
        List<NewMutation> batch = parser.parse(body, caller);
        AppendResult.Stored result = switch (batch.isEmpty() ? new AppendResult.Stored(List.of(), 0)
                : store.append(new AppendRequest(caller.tokenName(), batch, clock.instant()))) {
            case AppendResult.Stored stored -> stored;
            case AppendResult.Conflict conflict -> {
                log.atInfo().setMessage("push refused: mutation id conflict").addKeyValue("token", caller.tokenName())
                        .addKeyValue("entries", batch.size()).addKeyValue("conflicts", conflict.conflicts().size()).log();
                throw ApiException.conflict(conflict.conflicts());
            }
        };
        if (result.stored() > 0) {
            signal.fire();
            metrics.stored(result.stored());
        }
        log.atDebug().setMessage("push stored").addKeyValue("token", caller.tokenName())
                .addKeyValue("entries", batch.size()).addKeyValue("stored", result.stored()).log();
        respond(ctx, 200, json.writeValueAsBytes(new PushResponse(result.seqs())));
    }

    void pull(Context ctx) {
        Principal caller = authenticate(ctx);
        PullQuery query = PullQuery.parse(ctx::queryParam);
        PullPage page = longPoll(caller, query);
        metrics.pulled(page.mutations().size());
        respond(ctx, 200, write(page));
    }

    /** Reads a page; when it is empty and the caller asked to wait, waits for a change and reads again until the time is up. */
    private PullPage longPoll(Principal caller, PullQuery query) {
        long deadline = clock.millis() + query.waitMs();
        boolean counted = false;
        try {
            while (true) {
                CompletableFuture<Void> change = signal.nextChange();
                PullPage page = store.pull(caller.projects(), query.sinceSeq(), query.limit(), maxPullBytes);
                long remaining = deadline - clock.millis();
                if (!page.mutations().isEmpty() || remaining <= 0 || signal.closed()) {
                    return page;
                }
                if (!counted) {
                    metrics.waiting().incrementAndGet();
                    counted = true;
                }
                awaitChange(change, Math.min(remaining, RECHECK_MS));
            }
        } finally {
            if (counted) {
                metrics.waiting().decrementAndGet();
            }
        }
    }

    private static void awaitChange(CompletableFuture<Void> change, long millis) {
        try {
            change.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // time to re-check or to give up; the loop decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudStoreException("interrupted while waiting for mutations", e, true);
        } catch (ExecutionException e) {
            throw new IllegalStateException("change signal failed", e);
        }
    }

    private Principal authenticate(Context ctx) {
        return switch (authenticator.authenticate(ctx.header("Authorization"))) {
            case Authenticator.Authentication.Granted g -> g.principal();
            case Authenticator.Authentication.Rejected r -> throw ApiException.unauthorized(r.reason());
        };
    }

    private byte[] readBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxPushBytes) {
            throw ApiException.tooLarge(maxPushBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxPushBytes + 1);
            if (body.length > maxPushBytes) {
                throw ApiException.tooLarge(maxPushBytes);
            }
            ctx.attribute(BODY_READ, Boolean.TRUE);
            return body;
        } catch (IOException e) {
            throw ApiException.invalid("body", "the request body could not be read: " + e.getClass().getSimpleName());
        }
    }

    /** Writes a pull response without re-parsing stored payloads: they are already JSON text. */
    private byte[] write(PullPage page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + page.mutations().size() * 512);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeName("mutations");
            g.writeStartArray();
            for (StoredMutation m : page.mutations()) {
                g.writeStartObject();
                g.writeNumberProperty("seq", m.seq());
                g.writeStringProperty("mutation_id", m.mutationId());
                g.writeStringProperty("project", m.project());
                g.writeStringProperty("entity", m.entity());
                g.writeStringProperty("entity_key", m.entityKey());
                g.writeStringProperty("op", m.op());
                g.writeName("payload");
                g.writeRawValue(m.payloadJson());
                g.writeStringProperty("occurred_at", Timestamps.formatMillis(m.occurredAtMillis()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanProperty("has_more", page.hasMore());
            g.writeNumberProperty("latest_seq", page.latestSeq());
            g.writeStringProperty("server_id", store.serverId());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static void respond(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType("application/json").result(body);
    }
}
