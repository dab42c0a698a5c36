package dev.engram.api;

import dev.engram.view.Views;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writing JSON responses (with our mapper, not Javalin's) and naming the matched route for logs and metrics. */
final class Json {
    static final JsonMapper MAPPER = Views.JSON;
    static final String CONTENT_TYPE = "application/json";

    private Json() {
    }

    static void write(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsBytes(body));
    }

    static void ok(Context ctx, JsonNode body) {
        write(ctx, 200, body);
    }

    /** The route template that matched ({@code /observations/{id}}), or {@code unmatched}: bounded cardinality. */
    static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
