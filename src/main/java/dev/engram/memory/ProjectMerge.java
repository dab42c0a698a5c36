package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Limits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code engram projects merge FROM INTO}, inside one write transaction.
 *
 * <p>Replication never moves an entity from one project to another by its key (a pulled write whose key
 * is stored here under another project is set aside), so a merge is expressed with ordinary writes that
 * every replica accepts:
 * <ul>
 *   <li>each live observation of FROM is copied into INTO under a NEW sync id and the original is
 *       hard-deleted; both are journaled (an upsert in INTO, a delete in FROM), so other machines follow;
 *       soft-deleted observations of FROM are hard-deleted without a copy;</li>
 *   <li>each session gets a new id in INTO ({@code INTO:OLD-ID}), each prompt a new sync id; the copies
 *       are journaled. The wire protocol has no delete for sessions and prompts, so the originals are
 *       removed here only: other machines keep FROM's old sessions and prompts (not its observations);</li>
 *   <li>the new keys are derived from INTO and the old key, so the same merge run on two machines makes the
 *       same entities, which converge instead of doubling;</li>
 *   <li>a topic key already used in INTO is kept on both observations (nothing is lost); the next save with
 *       that key revises the more recently updated one;</li>
 *   <li>when FROM is enrolled for replication and INTO is not, INTO is enrolled (with its backfill) so the
 *       copies replicate; the cloud token must then cover INTO too.</li>
 * </ul>
 */
final class ProjectMerge {
    private final SqliteMemoryStore store;
    private final Connection c;

    ProjectMerge(SqliteMemoryStore store, Connection c) {
        this.store = store;
        this.c = c;
    }

    MergeResult merge(String from, String into) throws SQLException {
        Long rows = Sql.one(c, "SELECT (SELECT count(*) FROM observations WHERE project = ?) + (SELECT count(*) FROM sessions WHERE project = ?) "
                + "+ (SELECT count(*) FROM prompts WHERE project = ?)", rs -> rs.getLong(1), from, from, from);
        if (rows == null || rows == 0) {
            throw new InvalidInputException("FROM", "no project '" + from + "' here (see 'engram projects')");
        }
        boolean enrolledInto = false;
        if (enrolled(from) && !enrolled(into)) {
            Sql.update(c, "INSERT INTO enrolled_projects (project, enrolled_at) VALUES (?, ?)", into, store.now().toEpochMilli());
            Backfill.project(c, into, store::journalUnchecked);
            enrolledInto = true;
        }
        Map<String, String> sessionIds = new HashMap<>();
        int sessions = 0;
        int already = 0;
        for (Session s : Sql.list(c, "SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s WHERE s.project = ? ORDER BY s.started_at",
                Rows::session, from)) {
            String newId = sessionId(into, s.id());
            sessionIds.put(s.id(), newId);
            Session existing = SqliteMemoryStore.findSession(c, newId);
            if (existing == null) {
                String version = store.nextVersion(c);
                Sql.update(c, "INSERT INTO sessions (id, project, directory, started_at, ended_at, summary, version) VALUES (?,?,?,?,?,?,?)",
                        newId, into, s.directory(), millis(s.startedAt()), millis(s.endedAt()), s.summary(), version);
                Session copy = new Session(newId, into, s.directory(), s.startedAt(), s.endedAt(), s.summary());
                store.journal(c, into, "session", newId, "upsert", Wire.session(copy, version), version);
                sessions++;
            } else {
                already++;
            }
        }
        int observations = 0;
        int dropped = 0;
        Instant now = store.now();
        for (Observation o : Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o WHERE o.project = ? ORDER BY o.id",
                Rows::observation, from)) {
            if (o.deleted()) {
                dropped++;
            } else if (copyObservation(o, into, mapped(sessionIds, into, o.sessionId()))) {
                observations++;
            } else {
                already++;
            }
            String version = store.nextVersion(c);
            Sql.update(c, "DELETE FROM observations WHERE id = ?", o.id());
            Sql.update(c, "INSERT INTO tombstones (entity, entity_key, version, deleted_at) VALUES ('observation', ?, ?, ?) "
                    + "ON CONFLICT (entity, entity_key) DO UPDATE SET version = excluded.version, deleted_at = excluded.deleted_at",
                    o.syncId(), version, now.toEpochMilli());
            store.journal(c, from, "observation", o.syncId(), "delete", Wire.delete(o.syncId(), now, true, version), version);
        }
        int prompts = 0;
        for (Prompt p : Sql.list(c, "SELECT " + Rows.PROMPT_COLUMNS + " FROM prompts p WHERE p.project = ? ORDER BY p.id", Rows::prompt, from)) {
            String syncId = "prompt-" + digest(into + "\n" + p.syncId());
            String sessionId = mapped(sessionIds, into, p.sessionId());
            if (Sql.one(c, "SELECT 1 FROM prompts WHERE sync_id = ?", rs -> 1, syncId) == null) {
                String version = store.nextVersion(c);
                long id = Sql.insert(c, "INSERT INTO prompts (sync_id, session_id, content, project, created_at, version) VALUES (?,?,?,?,?,?)",
                        syncId, sessionId, p.content(), into, millis(p.createdAt()), version);
                Prompt copy = new Prompt(id, syncId, sessionId, p.content(), into, p.createdAt());
                store.journal(c, into, "prompt", syncId, "upsert", Wire.prompt(copy, version), version);
                prompts++;
            } else {
                already++;
            }
        }
        Sql.update(c, "DELETE FROM prompts WHERE project = ?", from);
        Sql.update(c, "DELETE FROM sessions WHERE project = ?", from);
        return new MergeResult(from, into, observations, sessions, prompts, already, dropped, enrolledInto);
    }

    /** Inserts the copy of {@code o} in {@code into}; false when that copy is already here. */
    private boolean copyObservation(Observation o, String into, String sessionId) throws SQLException {
        String syncId = "obs-" + digest(into + "\n" + o.syncId());
        if (Sql.one(c, "SELECT 1 FROM observations WHERE sync_id = ?", rs -> 1, syncId) != null) {
            return false;
        }
        if (SqliteMemoryStore.findSession(c, sessionId) == null) {
            // an observation whose session row never arrived: give it one in INTO
            String version = store.nextVersion(c);
            Sql.update(c, "INSERT INTO sessions (id, project, directory, started_at, version) VALUES (?,?,?,?,?)",
                    sessionId, into, "", millis(o.createdAt()), version);
            store.journal(c, into, "session", sessionId, "upsert",
                    Wire.session(new Session(sessionId, into, "", o.createdAt(), null, null), version), version);
        }
        String version = store.nextVersion(c);
        long id = Sql.insert(c, "INSERT INTO observations (sync_id, session_id, type, title, content, tool_name, project, scope, topic_key, "
                        + "revision_count, duplicate_count, content_hash, created_at, updated_at, last_seen_at, version) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                syncId, sessionId, o.type(), o.title(), o.content(), o.toolName(), into, o.scope().wire(), o.topicKey(),
                o.revisionCount(), o.duplicateCount(), SqliteMemoryStore.contentHash(o.content()), millis(o.createdAt()),
                millis(o.updatedAt()), millis(o.updatedAt()), version);
        Observation copy = SqliteMemoryStore.getObservation(c, id);
        store.journal(c, into, "observation", syncId, "upsert", Wire.observation(copy, version), version);
        return true;
    }

    private static String mapped(Map<String, String> sessionIds, String into, String old) {
        return old == null ? null : sessionIds.getOrDefault(old, sessionId(into, old));
    }

    /** {@code INTO:OLD-ID}, or {@code INTO:<digest>} when that would be longer than a key may be. */
    static String sessionId(String into, String old) {
        String id = into + ":" + old;
        return id.length() <= Limits.MAX_KEY_CHARS ? id : into.substring(0, Math.min(into.length(), 200)) + ":" + digest(into + "\n" + old);
    }

    private boolean enrolled(String project) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM enrolled_projects WHERE project = ?", rs -> 1, project) != null;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

}
