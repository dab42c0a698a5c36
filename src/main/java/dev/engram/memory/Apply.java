package dev.engram.memory;

import dev.engram.base.Limits;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The convergence rule of contract 8.4: a record applies only when its version is newer than the
 * entity's stored version and than any tombstone of it, so every replica ends in the same state
 * whatever the order and repetition of delivery. Runs inside the caller's transaction.
 *
 * <p>Every value is held to the ranges of contract 8.5 before anything is written (lengths, no NUL,
 * times and versions at most a day after {@code now}), and {@code <private>} spans are redacted as
 * on a local save: a pulled or imported record can neither stop later writes nor store a secret.
 */
final class Apply {
    private Apply() {
    }

    static ApplyOutcome mutation(Connection c, String entity, String op, JsonNode payload, Instant now) throws SQLException {
        if (payload == null || !payload.isObject()) {
            throw new BadPayloadException("payload is not a JSON object");
        }
        Wire.noNul("", payload);
        JsonNode n = Wire.redacted(payload);
        return switch (entity == null ? "" : entity) {
            case "observation" -> switch (op == null ? "" : op) {
                case "upsert" -> observation(c, n, now);
                case "delete" -> deleteObservation(c, n, now);
                default -> throw new BadPayloadException("unknown op " + op + " for observation");
            };
            case "session" -> requireUpsert(op, "session") ? session(c, n, now) : ApplyOutcome.STALE;
            case "prompt" -> requireUpsert(op, "prompt") ? prompt(c, n, now) : ApplyOutcome.STALE;
            default -> throw new BadPayloadException("unknown entity " + entity);
        };
    }

    private static boolean requireUpsert(String op, String entity) {
        if (!"upsert".equals(op)) {
            throw new BadPayloadException("unknown op " + op + " for " + entity);
        }
        return true;
    }

    private static ApplyOutcome observation(Connection c, JsonNode n, Instant now) throws SQLException {
        String syncId = Wire.text(n, "sync_id", Limits.MAX_KEY_CHARS);
        String version = Wire.version(n, now);
        String title = Wire.text(n, "title", Limits.MAX_TITLE_CHARS);
        String content = Wire.text(n, "content", Limits.MAX_CONTENT_CHARS);
        String project = Projects.normalizeOrNull(Wire.text(n, "project", Limits.MAX_KEY_CHARS));
        if (project == null) {
            throw new BadPayloadException("payload field project is blank");
        }
        Scope scope;
        try {
            scope = Scope.parse("scope", Wire.optionalText(n, "scope", Limits.MAX_KEY_CHARS));
        } catch (RuntimeException e) {
            throw new BadPayloadException("payload field scope is not project or personal");
        }
        String type = Wire.optionalText(n, "type", Limits.MAX_KEY_CHARS);
        Instant created = Wire.time(n, "created_at", now);
        Instant updated = Wire.optionalTime(n, "updated_at", now);
        Instant deleted = Wire.optionalTime(n, "deleted_at", now);
        String sessionId = Wire.text(n, "session_id", Limits.MAX_KEY_CHARS);
        String toolName = Wire.optionalText(n, "tool_name", Limits.MAX_KEY_CHARS);
        String topicKey = Wire.optionalText(n, "topic_key", Limits.MAX_KEY_CHARS);
        int revisions = Wire.count(n, "revision_count", 1);
        int duplicates = Wire.count(n, "duplicate_count", 1);
        if (!newer(c, "observation", syncId, version, "SELECT version FROM observations WHERE sync_id = ?")) {
            return ApplyOutcome.STALE;
        }
        long updatedMs = (updated == null ? created : updated).toEpochMilli();
        Object[] values = {sessionId, type == null ? "manual" : type, title, content, toolName, project,
                scope.wire(), topicKey, revisions, duplicates, SqliteMemoryStore.contentHash(content), created.toEpochMilli(), updatedMs,
                Rows.millis(deleted), version};
        Sql.update(c, "INSERT INTO observations (session_id, type, title, content, tool_name, project, scope, topic_key, "
                + "revision_count, duplicate_count, content_hash, created_at, updated_at, deleted_at, version, sync_id, last_seen_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sync_id) DO UPDATE SET session_id = excluded.session_id, "
                + "type = excluded.type, title = excluded.title, content = excluded.content, tool_name = excluded.tool_name, "
                + "project = excluded.project, scope = excluded.scope, topic_key = excluded.topic_key, "
                + "revision_count = excluded.revision_count, duplicate_count = excluded.duplicate_count, "
                + "content_hash = excluded.content_hash, created_at = excluded.created_at, updated_at = excluded.updated_at, "
                + "last_seen_at = excluded.last_seen_at, deleted_at = excluded.deleted_at, version = excluded.version",
                append(append(values, syncId), updatedMs));
        SqliteMemoryStore.observeVersion(c, version, now);
        return ApplyOutcome.APPLIED;
    }

    private static ApplyOutcome deleteObservation(Connection c, JsonNode n, Instant now) throws SQLException {
        String syncId = Wire.text(n, "sync_id", Limits.MAX_KEY_CHARS);
        String version = Wire.version(n, now);
        Instant deletedAt = Wire.time(n, "deleted_at", now);
        boolean hard = Wire.bool(n, "hard_delete");
        if (!hard && n.hasNonNull("content")) {
            // A soft delete that carries the entity (see Wire.softDelete) is a full write of the deleted row:
            // last writer wins on every field, so a concurrent edit it overrides leaves no trace anywhere.
            // The full write checks the version itself.
            return observation(c, n, now);
        }
        if (!newer(c, "observation", syncId, version, "SELECT version FROM observations WHERE sync_id = ?")) {
            return ApplyOutcome.STALE;
        }
        int changed;
        if (hard) {
            changed = Sql.update(c, "DELETE FROM observations WHERE sync_id = ?", syncId);
        } else {
            changed = Sql.update(c, "UPDATE observations SET deleted_at = ?, updated_at = ?, version = ? WHERE sync_id = ?",
                    deletedAt.toEpochMilli(), deletedAt.toEpochMilli(), version, syncId);
        }
        if (hard || changed == 0) {
            // The tombstone keeps an older upsert, delivered later, from bringing the observation back.
            Sql.update(c, "INSERT INTO tombstones (entity, entity_key, version, deleted_at) VALUES ('observation', ?, ?, ?) "
                    + "ON CONFLICT (entity, entity_key) DO UPDATE SET version = excluded.version, deleted_at = excluded.deleted_at "
                    + "WHERE excluded.version > tombstones.version", syncId, version, deletedAt.toEpochMilli());
        }
        SqliteMemoryStore.observeVersion(c, version, now);
        return ApplyOutcome.APPLIED;
    }

    private static ApplyOutcome session(Connection c, JsonNode n, Instant now) throws SQLException {
        String id = Wire.text(n, "id", Limits.MAX_KEY_CHARS);
        String version = Wire.version(n, now);
        String project = Projects.normalizeOrNull(Wire.text(n, "project", Limits.MAX_KEY_CHARS));
        if (project == null) {
            throw new BadPayloadException("payload field project is blank");
        }
        Instant started = Wire.time(n, "started_at", now);
        Instant ended = Wire.optionalTime(n, "ended_at", now);
        String directory = Wire.optionalText(n, "directory", Limits.MAX_DIRECTORY_CHARS);
        String summary = Wire.optionalText(n, "summary", Limits.MAX_CONTENT_CHARS);
        if (!newer(c, "session", id, version, "SELECT version FROM sessions WHERE id = ?")) {
            return ApplyOutcome.STALE;
        }
        Sql.update(c, "INSERT INTO sessions (id, project, directory, started_at, ended_at, summary, version) VALUES (?,?,?,?,?,?,?) "
                        + "ON CONFLICT (id) DO UPDATE SET project = excluded.project, directory = excluded.directory, "
                        + "started_at = excluded.started_at, ended_at = excluded.ended_at, summary = excluded.summary, version = excluded.version",
                id, project, directory == null ? "" : directory, started.toEpochMilli(), Rows.millis(ended), summary, version);
        SqliteMemoryStore.observeVersion(c, version, now);
        return ApplyOutcome.APPLIED;
    }

    private static ApplyOutcome prompt(Connection c, JsonNode n, Instant now) throws SQLException {
        String syncId = Wire.text(n, "sync_id", Limits.MAX_KEY_CHARS);
        String version = Wire.version(n, now);
        String content = Wire.text(n, "content", Limits.MAX_CONTENT_CHARS);
        String project = Projects.normalizeOrNull(Wire.text(n, "project", Limits.MAX_KEY_CHARS));
        if (project == null) {
            throw new BadPayloadException("payload field project is blank");
        }
        Instant created = Wire.time(n, "created_at", now);
        String sessionId = Wire.text(n, "session_id", Limits.MAX_KEY_CHARS);
        if (!newer(c, "prompt", syncId, version, "SELECT version FROM prompts WHERE sync_id = ?")) {
            return ApplyOutcome.STALE;
        }
        Sql.update(c, "INSERT INTO prompts (session_id, content, project, created_at, version, sync_id) VALUES (?,?,?,?,?,?) "
                        + "ON CONFLICT (sync_id) DO UPDATE SET session_id = excluded.session_id, content = excluded.content, "
                        + "project = excluded.project, created_at = excluded.created_at, version = excluded.version",
                sessionId, content, project, created.toEpochMilli(), version, syncId);
        SqliteMemoryStore.observeVersion(c, version, now);
        return ApplyOutcome.APPLIED;
    }

    /** True when {@code version} is newer than both the stored row's version and any tombstone (one statement). */
    private static boolean newer(Connection c, String entity, String key, String version, String currentSql) throws SQLException {
        String newest = Sql.one(c, "SELECT max(coalesce((" + currentSql + "), ''), "
                        + "coalesce((SELECT version FROM tombstones WHERE entity = ? AND entity_key = ?), ''))",
                rs -> rs.getString(1), key, entity, key);
        return newest == null || newest.compareTo(version) < 0;
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = last;
        return out;
    }
}
