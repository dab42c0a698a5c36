package dev.engram.api;

import dev.engram.base.InvalidInputException;
import dev.engram.base.NotFoundException;
import dev.engram.logging.ComponentLogger;
import dev.engram.memory.StoreException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns every failure of a request into one JSON error body {@code {"error": "...", "code": "..."}}
 * with the right status. The one place where failures are classified; bad input is never a 500.
 */
final class ApiErrors {
    private static final ComponentLogger log = ComponentLogger.of("http");

    private ApiErrors() {
    }

    static void handle(Exception e, Context ctx) {
        // The caller sent something unacceptable; the message names the field.
        if (e instanceof InvalidInputException invalid) {
            ObjectNode body = body(invalid.getMessage(), "invalid_input");
            body.put("field", invalid.field());
            Json.write(ctx, 400, body);
            return;
        }
        // The named observation or session does not exist.
        if (e instanceof NotFoundException) {
            Json.write(ctx, 404, body(e.getMessage(), "not_found"));
            return;
        }
        // Jetty/Javalin refusals: unknown route, wrong method, body too large...
        if (e instanceof HttpResponseException http) {
            Json.write(ctx, http.getStatus(), body(httpMessage(http, ctx), codeOf(http.getStatus())));
            return;
        }
        // The database is busy or unreadable: nothing wrong with the request, try again later.
        if (e instanceof StoreException) {
            log.atWarn().setMessage("store unavailable").addKeyValue("route", Json.route(ctx))
                    .addKeyValue("error", e.getMessage()).log();
            Json.write(ctx, 503, body(e.getMessage(), "store_unavailable"));
            return;
        }
        // Anything else is a bug: log it once with its stack, never echo internals to the caller.
        log.atError().setMessage("request failed").addKeyValue("method", ctx.method().name())
                .addKeyValue("route", Json.route(ctx)).setCause(e).log();
        Json.write(ctx, 500, body("internal error: " + e.getClass().getSimpleName(), "internal"));
    }

    /** A request the {@link RequestGuard} refused, in the same shape; a 401 also says which scheme to use. */
    static void refuse(Context ctx, RequestGuard.Refused refused) {
        if (refused.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"engram\"");
        }
        Json.write(ctx, refused.status(), body(refused.message(), refused.code()));
    }

    static ObjectNode body(String message, String code) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("error", message);
        n.put("code", code);
        return n;
    }

    private static String httpMessage(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "no endpoint " + ctx.method().name() + " " + ctx.path();
            case 405 -> "method " + ctx.method().name() + " is not allowed on " + ctx.path();
            case 413 -> "request body is larger than " + LocalApi.MAX_BODY_BYTES + " bytes";
            default -> e.getMessage();
        };
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "invalid_input";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }
}
