package dev.engram.cloud;

import dev.engram.logging.ComponentLogger;
import dev.engram.protocol.ErrorCodes;
import dev.engram.protocol.ErrorResponse;
import dev.engram.protocol.SyncProtocol;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds the Javalin app: routes, virtual-thread handlers, one idle timeout longer than the
 * longest long poll, and every error (ours, Javalin's, Jetty's) as a JSON {@link ErrorResponse}
 * without a stack trace. Failures are classified here, once: {@link ApiException} is the caller's
 * fault (4xx); a transient store failure is 503; anything else is a bug (500, logged with its stack).
 */
final class HttpServerFactory {
    private static final ComponentLogger log = ComponentLogger.of("cloud");
    static final int IDLE_TIMEOUT_MS = SyncProtocol.MAX_WAIT_MS + 30_000;

    private HttpServerFactory() {
    }

    static Javalin create(CloudServerConfig config, ObjectMapper json, CloudMetrics metrics, SyncRoutes routes) {
        long drainLimit = 2L * config.maxPushBytes();
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxPushBytes();
            cfg.http.prefer405over404 = true;
            cfg.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost(config.host());
                connector.setPort(config.port());
                connector.setIdleTimeout(IDLE_TIMEOUT_MS);
                return connector;
            });
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonJettyErrorHandler(json)));

            cfg.routes.get(SyncProtocol.HEALTH_PATH, timed("health", metrics, null, routes::health));
            cfg.routes.get(SyncProtocol.METRICS_PATH, timed("metrics", metrics, null, routes::metrics));
            cfg.routes.post(SyncProtocol.PUSH_PATH, timed("push", metrics, Kind.PUSH, routes::push));
            cfg.routes.get(SyncProtocol.PULL_PATH, timed("pull", metrics, Kind.PULL, routes::pull));

            cfg.routes.exception(ApiException.class, (e, ctx) -> write(ctx, json, drainLimit, e.status(), e.body()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, json, drainLimit, e.getStatus(),
                    new ErrorResponse(codeFor(e.getStatus()), String.valueOf(e.getMessage()), List.of())));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                ApiException mapped = classify(e, ctx);
                write(ctx, json, drainLimit, mapped.status(), mapped.body());
            });
            cfg.routes.error(404, ctx -> writeIfEmpty(ctx, json, drainLimit, 404, ErrorCodes.NOT_FOUND, "no endpoint " + ctx.method() + " " + PushParser.echo(ctx.path())));
            cfg.routes.error(405, ctx -> writeIfEmpty(ctx, json, drainLimit, 405, ErrorCodes.METHOD_NOT_ALLOWED, "method " + ctx.method() + " is not allowed on " + PushParser.echo(ctx.path())));
        });
    }

    private enum Kind { PUSH, PULL }

    /** Records duration by endpoint and status, and pushes/pulls by outcome, around a handler. */
    private static Handler timed(String endpoint, CloudMetrics metrics, Kind kind, Handler handler) {
        return ctx -> {
            long start = System.nanoTime();
            String outcome = "ok";
            int status = 200;
            try {
                handler.handle(ctx);
            } catch (ApiException e) {
                outcome = e.body().errorCode();
                status = e.status();
                throw e;
            } catch (Exception e) {
                outcome = "error";
                status = 500;
                throw e;
            } finally {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                metrics.request(endpoint, status, elapsed);
                if (kind == Kind.PUSH) {
                    metrics.push(outcome);
                } else if (kind == Kind.PULL) {
                    metrics.pull(outcome);
                }
                log.atDebug().setMessage("request handled").addKeyValue("endpoint", endpoint).addKeyValue("status", status)
                        .addKeyValue("outcome", outcome).addKeyValue("elapsed", elapsed.toMillis()).log();
            }
        };
    }

    private static ApiException classify(Exception e, Context ctx) {
        // The store is down or busy: the client should retry later; WARN, it heals by itself.
        if (e instanceof CloudStoreException se && se.transientFailure()) {
            log.atWarn().setMessage("store unavailable").addKeyValue("path", ctx.path()).addKeyValue("error", oneLine(se.getMessage())).log();
            return new ApiException(503, ErrorCodes.UNAVAILABLE, "the server's database is unavailable; retry later", List.of());
        }
        // Anything else is a bug in the server: log it with its stack, answer without one.
        log.atError().setMessage("request crashed").addKeyValue("path", ctx.path()).setCause(e).log();
        return new ApiException(500, ErrorCodes.INTERNAL_ERROR, "internal server error", List.of());
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCodes.INVALID_REQUEST;
            case 401 -> ErrorCodes.UNAUTHORIZED;
            case 403 -> ErrorCodes.FORBIDDEN;
            case 404 -> ErrorCodes.NOT_FOUND;
            case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCodes.UNAVAILABLE;
            default -> status >= 500 ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.INVALID_REQUEST;
        };
    }

    /**
     * Reads and discards the rest of a refused request's body, up to {@code limit} bytes, so that the
     * client (still sending) receives the error instead of a connection reset. True when it all fit.
     */
    private static boolean drain(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            return false;
        }
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            byte[] scratch = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(scratch)) >= 0) {
                total += n;
                if (total > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private static void write(Context ctx, ObjectMapper json, long drainLimit, int status, ErrorResponse body) {
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        if (ctx.req().getContentLengthLong() != 0 && ctx.attribute(SyncRoutes.BODY_READ) == null && !drain(ctx, drainLimit)) {
            // The body is too large to skip: say the connection closes, rather than let the
            // client reuse a connection the server is about to drop.
            ctx.header("Connection", "close");
        }
        SyncRoutes.respond(ctx, status, json.writeValueAsBytes(body));
    }

    private static void writeIfEmpty(Context ctx, ObjectMapper json, long drainLimit, int status, String code, String message) {
        String current = ctx.result();
        if (current == null || current.isEmpty() || !current.startsWith("{\"error_code\"")) {
            write(ctx, json, drainLimit, status, new ErrorResponse(code, message, List.of()));
        }
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s+", " ");
    }

    /** Jetty's own errors (bad request line, oversized headers...), as JSON with no stack. */
    static final class JsonJettyErrorHandler extends ErrorHandler {
        private final ObjectMapper json;

        JsonJettyErrorHandler(ObjectMapper json) {
            this.json = json;
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) throws IOException {
            byte[] body = json.writeValueAsBytes(new ErrorResponse(codeFor(code), message == null ? "HTTP " + code : oneLine(message), List.of()));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            // Jetty drops the connection after a protocol-level error; tell the client so it does not reuse it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
