package dev.engram.api;

import dev.engram.base.InvalidInputException;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body read as one JSON object, with typed accessors that name the offending field when a
 * value has the wrong type. Unknown fields are refused, so a misspelt {@code sessionId} is an error
 * instead of silently ignored data.
 */
final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /**
     * Reads the body, at most {@code maxBytes} of it (413 beyond, whatever the Content-Length said),
     * and checks that it is an object with no field outside {@code allowed}. An empty body is {@code {}}.
     */
    static JsonBody read(Context ctx, long maxBytes, Set<String> allowed) {
        byte[] bytes = readLimited(ctx, maxBytes);
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new JsonBody(Json.MAPPER.createObjectNode());
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new InvalidInputException("body", "request body must be a JSON object");
        }
        Set<String> unknown = new TreeSet<>(object.propertyNames());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            String field = unknown.iterator().next();
            throw new InvalidInputException(field, "unknown field '" + field + "'; accepted fields are " + new TreeSet<>(allowed));
        }
        return new JsonBody(object);
    }

    private static byte[] readLimited(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new ContentTooLargeResponse();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ContentTooLargeResponse();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    boolean isEmpty() {
        return node.isEmpty();
    }

    /** A string field, or null when absent or null. */
    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new InvalidInputException(field, field + " must be a string, was " + kind(v));
        }
        return v.stringValue();
    }

    /** A string field that must be present and not blank. */
    String requiredText(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        return v;
    }

    private static String kind(JsonNode v) {
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        if (v.isArray()) return "an array";
        if (v.isObject()) return "an object";
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
