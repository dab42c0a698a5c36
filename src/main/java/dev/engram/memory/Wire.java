package dev.engram.memory;

import dev.engram.base.Limits;
import dev.engram.base.Timestamps;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire shape of entities (contract section 2, snake_case names, RFC 3339 times) as journal and
 * mutation payloads, plus the {@code version} that orders writes to one entity. Reading is strict:
 * a payload missing a required field, or with a value out of the ranges of {@link Limits} (a string
 * too long or with a NUL, a time or version more than a day ahead), is a {@link BadPayloadException}
 * naming the field.
 */
final class Wire {
    /** The free-text fields that may hold {@code <private>} spans. */
    private static final List<String> REDACTED_FIELDS = List.of("title", "content", "summary");

    private Wire() {
    }

    /** Created on first use, so commands that never touch JSON never load Jackson. */
    static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();

        private Json() {
        }
    }

    /** Writes jackson-core only: building a journal payload (every write) never loads Jackson's databind. */
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The compact JSON text of one object whose fields {@code fields} writes. */
    static String object(Consumer<JsonGenerator> fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            fields.accept(g);
            g.writeEndObject();
        }
        return out.toString();
    }

    static String observation(Observation o, String version) {
        return object(g -> observation(g, o, version));
    }

    /** The fields of an observation's upsert payload. */
    static void observation(JsonGenerator g, Observation o, String version) {
        g.writeStringProperty("sync_id", o.syncId());
        g.writeStringProperty("session_id", o.sessionId());
        g.writeStringProperty("type", o.type());
        g.writeStringProperty("title", o.title());
        g.writeStringProperty("content", o.content());
        g.writeStringProperty("tool_name", o.toolName());
        g.writeStringProperty("project", o.project());
        g.writeStringProperty("scope", o.scope().wire());
        g.writeStringProperty("topic_key", o.topicKey());
        g.writeNumberProperty("revision_count", o.revisionCount());
        g.writeStringProperty("created_at", Timestamps.format(o.createdAt()));
        g.writeStringProperty("updated_at", Timestamps.format(o.updatedAt()));
        g.writeStringProperty("deleted_at", Timestamps.format(o.deletedAt()));
        g.writeStringProperty("version", version);
    }

    static String session(Session s, String version) {
        return object(g -> session(g, s, version));
    }

    /** The fields of a session's upsert payload. */
    static void session(JsonGenerator g, Session s, String version) {
        g.writeStringProperty("id", s.id());
        g.writeStringProperty("project", s.project());
        g.writeStringProperty("directory", s.directory());
        g.writeStringProperty("started_at", Timestamps.format(s.startedAt()));
        g.writeStringProperty("ended_at", Timestamps.format(s.endedAt()));
        g.writeStringProperty("summary", s.summary());
        g.writeStringProperty("version", version);
    }

    static String prompt(Prompt p, String version) {
        return object(g -> prompt(g, p, version));
    }

    /** The fields of a prompt's upsert payload. */
    static void prompt(JsonGenerator g, Prompt p, String version) {
        g.writeStringProperty("sync_id", p.syncId());
        g.writeStringProperty("session_id", p.sessionId());
        g.writeStringProperty("content", p.content());
        g.writeStringProperty("project", p.project());
        g.writeStringProperty("created_at", Timestamps.format(p.createdAt()));
        g.writeStringProperty("version", version);
    }

    /**
     * A soft delete: the delete shape ({@code sync_id, deleted, deleted_at, hard_delete}) plus the whole
     * deleted entity, so that a replica applying it ends with the same row as the one that deleted it.
     */
    static String softDelete(Observation deleted, String version) {
        return object(g -> {
            observation(g, deleted, version);
            g.writeBooleanProperty("deleted", true);
            g.writeBooleanProperty("hard_delete", false);
        });
    }

    static String delete(String syncId, Instant deletedAt, boolean hard, String version) {
        return object(g -> delete(g, syncId, deletedAt, hard, version));
    }

    /** The fields of a delete payload. */
    static void delete(JsonGenerator g, String syncId, Instant deletedAt, boolean hard, String version) {
        g.writeStringProperty("sync_id", syncId);
        g.writeBooleanProperty("deleted", true);
        g.writeStringProperty("deleted_at", Timestamps.format(deletedAt));
        g.writeBooleanProperty("hard_delete", hard);
        g.writeStringProperty("version", version);
    }

    /** A required string of at most {@code max} characters without a NUL character. */
    static String text(JsonNode n, String field, int max) {
        String v = optionalText(n, field, max);
        if (v == null) {
            throw new BadPayloadException("payload has no " + field);
        }
        return v;
    }

    /** An optional string of at most {@code max} characters without a NUL character; null when absent. */
    static String optionalText(JsonNode n, String field, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new BadPayloadException("payload field " + field + " is not a string");
        }
        String text = v.stringValue();
        String problem = Limits.textProblem(text, max);
        if (problem != null) {
            throw new BadPayloadException("payload field " + field + " " + problem);
        }
        return text;
    }

    /** A required time between 1970-01-01 and a day after {@code now}. */
    static Instant time(JsonNode n, String field, Instant now) {
        Instant t = optionalTime(n, field, now);
        if (t == null) {
            throw new BadPayloadException("payload has no " + field);
        }
        return t;
    }

    /** An optional time between 1970-01-01 and a day after {@code now}; null when absent. */
    static Instant optionalTime(JsonNode n, String field, Instant now) {
        String text = optionalText(n, field, Limits.MAX_KEY_CHARS);
        if (text == null) {
            return null;
        }
        Instant t;
        try {
            t = Timestamps.parse(field, text);
        } catch (RuntimeException e) {
            throw new BadPayloadException("payload field " + field + " is not an RFC 3339 time: " + text);
        }
        String problem = Limits.timeProblem(t, now);
        if (problem != null) {
            throw new BadPayloadException("payload field " + field + " " + problem);
        }
        return t;
    }

    /** A count ({@code revision_count}, {@code duplicate_count}): a whole number from 0, {@code fallback} when absent. */
    static int count(JsonNode n, String field, int fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new BadPayloadException("payload field " + field + " is not a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return v.intValue();
    }

    static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isBoolean() && v.booleanValue();
    }

    /** The write version: well-formed, and its clock part not more than a day after {@code now}. */
    static String version(JsonNode n, Instant now) {
        String v = text(n, "version", Limits.MAX_KEY_CHARS);
        String problem = Limits.versionProblem(v, now);
        if (problem != null) {
            throw new BadPayloadException("payload field version " + problem);
        }
        return v;
    }

    /** Refuses a NUL character anywhere in {@code node}, in a value or a field name, at any depth. */
    static void noNul(String path, JsonNode node) {
        if (node.isString()) {
            if (node.stringValue().indexOf('\0') >= 0) {
                throw new BadPayloadException("payload field " + path + " contains a NUL character");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('\0') >= 0) {
                    throw new BadPayloadException("payload has a field name with a NUL character");
                }
                noNul(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noNul(path + "[" + i + "]", node.get(i));
            }
        }
    }

    /**
     * A copy of {@code payload} with the {@code <private>} spans of its free-text fields (title,
     * content, summary) redacted: what is stored and journaled, whatever the sender did.
     */
    static JsonNode redacted(JsonNode payload) {
        if (!(payload instanceof ObjectNode object)) {
            return payload;
        }
        ObjectNode copy = null;
        for (String field : REDACTED_FIELDS) {
            JsonNode v = object.get(field);
            if (v != null && v.isString()) {
                String clean = Redaction.redact(v.stringValue());
                if (!clean.equals(v.stringValue())) {
                    copy = copy == null ? object.deepCopy() : copy;
                    copy.put(field, clean);
                }
            }
        }
        return copy == null ? payload : copy;
    }
}
