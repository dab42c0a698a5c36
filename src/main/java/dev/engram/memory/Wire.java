package dev.engram.memory;

import dev.engram.base.Timestamps;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire shape of entities (contract section 2, snake_case names, RFC 3339 times) as journal and
 * mutation payloads, plus the {@code version} that orders writes to one entity. Reading is strict:
 * a payload missing a required field is a {@link BadPayloadException} naming it.
 */
final class Wire {
    private Wire() {
    }

    /** Created on first use, so commands that never touch JSON never load Jackson. */
    static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();

        private Json() {
        }
    }

    static ObjectNode observation(Observation o, String version) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("sync_id", o.syncId());
        n.put("session_id", o.sessionId());
        n.put("type", o.type());
        n.put("title", o.title());
        n.put("content", o.content());
        n.put("tool_name", o.toolName());
        n.put("project", o.project());
        n.put("scope", o.scope().wire());
        n.put("topic_key", o.topicKey());
        n.put("revision_count", o.revisionCount());
        n.put("created_at", Timestamps.format(o.createdAt()));
        n.put("updated_at", Timestamps.format(o.updatedAt()));
        n.put("deleted_at", Timestamps.format(o.deletedAt()));
        n.put("version", version);
        return n;
    }

    static ObjectNode session(Session s, String version) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("project", s.project());
        n.put("directory", s.directory());
        n.put("started_at", Timestamps.format(s.startedAt()));
        n.put("ended_at", Timestamps.format(s.endedAt()));
        n.put("summary", s.summary());
        n.put("version", version);
        return n;
    }

    static ObjectNode prompt(Prompt p, String version) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("sync_id", p.syncId());
        n.put("session_id", p.sessionId());
        n.put("content", p.content());
        n.put("project", p.project());
        n.put("created_at", Timestamps.format(p.createdAt()));
        n.put("version", version);
        return n;
    }

    /**
     * A soft delete: the delete shape ({@code sync_id, deleted, deleted_at, hard_delete}) plus the whole
     * deleted entity, so that a replica applying it ends with the same row as the one that deleted it.
     */
    static ObjectNode softDelete(Observation deleted, String version) {
        ObjectNode n = observation(deleted, version);
        n.put("deleted", true);
        n.put("hard_delete", false);
        return n;
    }

    static ObjectNode delete(String syncId, Instant deletedAt, boolean hard, String version) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("sync_id", syncId);
        n.put("deleted", true);
        n.put("deleted_at", Timestamps.format(deletedAt));
        n.put("hard_delete", hard);
        n.put("version", version);
        return n;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new BadPayloadException("payload has no " + field);
        }
        if (!v.isString()) {
            throw new BadPayloadException("payload field " + field + " is not a string");
        }
        return v.stringValue();
    }

    static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new BadPayloadException("payload field " + field + " is not a string");
        }
        return v.stringValue();
    }

    static Instant time(JsonNode n, String field) {
        Instant t = optionalTime(n, field);
        if (t == null) {
            throw new BadPayloadException("payload has no " + field);
        }
        return t;
    }

    static Instant optionalTime(JsonNode n, String field) {
        String text = optionalText(n, field);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(field, text);
        } catch (RuntimeException e) {
            throw new BadPayloadException("payload field " + field + " is not an RFC 3339 time: " + text);
        }
    }

    static int integer(JsonNode n, String field, int fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt()) {
            throw new BadPayloadException("payload field " + field + " is not an integer");
        }
        return v.intValue();
    }

    static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isBoolean() && v.booleanValue();
    }

    static String version(JsonNode n) {
        String v = text(n, "version");
        try {
            Version.decode(v);
        } catch (RuntimeException e) {
            throw new BadPayloadException("payload field version is malformed: " + v);
        }
        return v;
    }
}
