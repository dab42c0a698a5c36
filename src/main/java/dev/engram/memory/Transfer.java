package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Timestamps;
import java.io.Reader;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * {@code engram export} and {@code engram import}: the whole memory as one JSON document that
 * round-trips losslessly (sync ids, times, revision and duplicate counts, deletions and versions).
 * Import checks the whole document before it changes anything, then applies it in one transaction
 * with the replication convergence rule, so importing twice, or an older export, changes nothing.
 * An import is held to the ranges and the {@code <private>} redaction of every other way in.
 */
public final class Transfer {
    static final String FORMAT = "engram-export";
    static final int FORMAT_VERSION = 1;

    private Transfer() {
    }

    public static void export(SqliteMemoryStore store, Writer out) {
        store.read(c -> {
            try (JsonGenerator g = Wire.Json.MAPPER.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringProperty("format", FORMAT);
                g.writeNumberProperty("format_version", FORMAT_VERSION);
                g.writeStringProperty("exported_at", Timestamps.format(Instant.now()));
                g.writeStringProperty("replica_id", store.replicaId());
                writeArray(g, "sessions", Sql.list(c, "SELECT " + Rows.SESSION_COLUMNS + ", s.version FROM sessions s ORDER BY s.started_at, s.id",
                        rs -> {
                            Session s = Rows.session(rs);
                            String version = rs.getString(7);
                            return w -> Wire.session(w, s, version);
                        }));
                writeArray(g, "observations", Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + ", o.version FROM observations o ORDER BY o.id",
                        rs -> {
                            Observation o = Rows.observation(rs);
                            String version = rs.getString(16);
                            return w -> {
                                Wire.observation(w, o, version);
                                w.writeNumberProperty("duplicate_count", o.duplicateCount());
                            };
                        }));
                writeArray(g, "prompts", Sql.list(c, "SELECT " + Rows.PROMPT_COLUMNS + ", p.version FROM prompts p ORDER BY p.id",
                        rs -> {
                            Prompt p = Rows.prompt(rs);
                            String version = rs.getString(7);
                            return w -> Wire.prompt(w, p, version);
                        }));
                writeArray(g, "tombstones", Sql.list(c, "SELECT entity, entity_key, version, deleted_at FROM tombstones ORDER BY entity, entity_key",
                        rs -> {
                            String entity = rs.getString(1);
                            String key = rs.getString(2);
                            String version = rs.getString(3);
                            Instant deletedAt = Instant.ofEpochMilli(rs.getLong(4));
                            return w -> {
                                Wire.delete(w, key, deletedAt, true, version);
                                w.writeStringProperty("entity", entity);
                            };
                        }));
                g.writeEndObject();
            }
            return null;
        });
    }

    /** An array of objects, each written by one of {@code objects} (the fields only). */
    private static void writeArray(JsonGenerator g, String name, List<Consumer<JsonGenerator>> objects) {
        g.writeName(name);
        g.writeStartArray();
        for (Consumer<JsonGenerator> fields : objects) {
            g.writeStartObject();
            fields.accept(g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Imports an export document. Malformed JSON, a wrong format or an invalid record is an
     * {@link InvalidInputException} that says where it broke, and nothing is imported.
     */
    public static ImportResult importFrom(SqliteMemoryStore store, Reader in, String sourceName) {
        JsonNode root;
        try {
            root = Wire.Json.MAPPER.readTree(in);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidInputException("FILE", sourceName + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
            throw new InvalidInputException("FILE", sourceName + " is not an Engram export (no \"format\": \"" + FORMAT + "\")");
        }
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new InvalidInputException("FILE", sourceName + " has format_version " + version + "; this Engram reads " + FORMAT_VERSION);
        }
        record Item(String entity, String op, String key, String project, JsonNode payload) {
        }
        Instant now = store.now();
        List<Item> items = new ArrayList<>();
        for (String section : new String[] {"sessions", "observations", "prompts", "tombstones"}) {
            JsonNode array = root.path(section);
            if (array.isMissingNode()) {
                continue;
            }
            if (!array.isArray()) {
                throw new InvalidInputException("FILE", sourceName + ": " + section + " is not an array");
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode n = array.get(i);
                String where = sourceName + ": " + section + "[" + i + "]";
                Item item;
                try {
                    item = switch (section) {
                        case "sessions" -> new Item("session", "upsert", key(n, "id"), key(n, "project"), n);
                        case "observations" -> new Item("observation", "upsert", key(n, "sync_id"), key(n, "project"), n);
                        case "prompts" -> new Item("prompt", "upsert", key(n, "sync_id"), key(n, "project"), n);
                        default -> new Item(key(n, "entity"), "delete", key(n, "sync_id"), null, n);
                    };
                } catch (BadPayloadException e) {
                    throw new InvalidInputException("FILE", where + ": " + e.getMessage());
                }
                try {
                    Wire.version(n, now);
                } catch (BadPayloadException e) {
                    throw new InvalidInputException("FILE", where + " (" + item.entity() + " " + item.key() + "): " + e.getMessage());
                }
                items.add(item);
            }
        }
        return store.write(c -> {
            int applied = 0;
            int unchanged = 0;
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                ApplyOutcome outcome;
                try {
                    outcome = Apply.mutation(c, item.entity(), item.op(), item.payload(), now);
                } catch (BadPayloadException e) {
                    throw new InvalidInputException("FILE", sourceName + ": " + item.entity() + " " + item.key() + ": " + e.getMessage());
                }
                if (outcome == ApplyOutcome.APPLIED) {
                    applied++;
                    // The journal carries what was stored: <private> spans redacted, never the file's raw text.
                    journalIfEnrolled(store, c, item.project(), item.entity(), item.key(), item.op(), Wire.redacted(item.payload()), now);
                } else {
                    unchanged++;
                }
            }
            return new ImportResult(applied, unchanged);
        });
    }

    private static void journalIfEnrolled(SqliteMemoryStore store, Connection c, String project, String entity, String key, String op,
                                          JsonNode payload, Instant now) throws SQLException {
        String p = Projects.normalizeOrNull(project);
        if (p != null && Sql.one(c, "SELECT 1 FROM enrolled_projects WHERE project = ?", rs -> 1, p) != null) {
            store.journalUnchecked(c, p, entity, key, op, payload.toString(), Wire.version(payload, now));
        }
    }

    private static String key(JsonNode n, String field) {
        return Wire.text(n, field, dev.engram.base.Limits.MAX_KEY_CHARS);
    }
}
