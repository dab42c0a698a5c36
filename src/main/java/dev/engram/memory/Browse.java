package dev.engram.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only listings for people looking at their memory (the web UI of {@code engram serve}): projects
 * with their counts, a project's observations a page at a time, sessions with their prompts. Every
 * query is bounded by a page size; none writes.
 */
public final class Browse {
    /** Largest page any listing returns. */
    public static final int MAX_PAGE = 200;

    private final SqliteMemoryStore store;

    public Browse(SqliteMemoryStore store) {
        this.store = store;
    }

    /** One project: live observations, sessions and prompts, and the time of its newest write. */
    public record ProjectSummary(String project, long observations, long sessions, long prompts, Instant lastActivity) {
    }

    /** One page of observations and how many match in all. */
    public record ObservationPage(List<Observation> observations, long total, int offset, int limit) {
        public boolean hasNext() {
            return offset + observations.size() < total;
        }
    }

    /** A session with its prompts (oldest first). */
    public record SessionWithPrompts(Session session, List<Prompt> prompts) {
    }

    /** Every project that holds anything, most recently active first. */
    public List<ProjectSummary> projects() {
        return store.read(c -> Sql.list(c, "SELECT project, sum(obs), sum(sess), sum(pr), max(last) FROM ("
                + "SELECT project, count(*) AS obs, 0 AS sess, 0 AS pr, max(updated_at) AS last FROM observations "
                + "WHERE deleted_at IS NULL GROUP BY project "
                + "UNION ALL SELECT project, 0, count(*), 0, max(coalesce(ended_at, started_at)) FROM sessions GROUP BY project "
                + "UNION ALL SELECT project, 0, 0, count(*), max(created_at) FROM prompts GROUP BY project"
                + ") GROUP BY project ORDER BY 5 DESC, 1", rs -> new ProjectSummary(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getObject(5) == null ? null : Instant.ofEpochMilli(rs.getLong(5)))));
    }

    /** The types used by live observations of {@code project}, alphabetically. */
    public List<String> types(String project) {
        String p = Projects.normalize("project", project);
        return store.read(c -> Sql.list(c, "SELECT DISTINCT type FROM observations WHERE project = ? AND deleted_at IS NULL ORDER BY type",
                rs -> rs.getString(1), p));
    }

    /** Live observations of {@code project} (of {@code type} when not null), newest first. */
    public ObservationPage observations(String project, String type, int offset, int limit) {
        String p = Projects.normalize("project", project);
        checkPage(offset, limit);
        String t = type == null || type.isBlank() ? null : type.strip();
        String where = " WHERE o.project = ? AND o.deleted_at IS NULL" + (t == null ? "" : " AND o.type = ?");
        Object[] args = t == null ? new Object[] {p} : new Object[] {p, t};
        return store.read(c -> {
            long total = Sql.one(c, "SELECT count(*) FROM observations o" + where, rs -> rs.getLong(1), args);
            List<Object> pageArgs = new ArrayList<>(List.of(args));
            pageArgs.add(limit);
            pageArgs.add(offset);
            List<Observation> rows = Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + " FROM observations o" + where
                    + " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?", Rows::observation, pageArgs.toArray());
            return new ObservationPage(rows, total, offset, limit);
        });
    }

    /** Sessions (of {@code project} when not null), newest first, each with its prompts. */
    public List<SessionWithPrompts> sessions(String project, int offset, int limit) {
        String p = Projects.normalizeOrNull(project);
        checkPage(offset, limit);
        return store.read(c -> {
            List<Session> sessions = Sql.list(c, "SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s"
                    + (p == null ? "" : " WHERE s.project = ?") + " ORDER BY s.started_at DESC, s.id LIMIT ? OFFSET ?",
                    Rows::session, p == null ? new Object[] {limit, offset} : new Object[] {p, limit, offset});
            Map<String, List<Prompt>> prompts = new HashMap<>();
            if (!sessions.isEmpty()) {
                String in = Sql.marks(sessions.size());
                for (Prompt prompt : Sql.list(c, "SELECT " + Rows.PROMPT_COLUMNS + " FROM prompts p WHERE p.session_id IN (" + in
                        + ") ORDER BY p.created_at, p.id", Rows::prompt, sessions.stream().map(Session::id).toArray())) {
                    prompts.computeIfAbsent(prompt.sessionId(), k -> new ArrayList<>()).add(prompt);
                }
            }
            Map<String, SessionWithPrompts> out = new LinkedHashMap<>();
            for (Session s : sessions) {
                out.put(s.id(), new SessionWithPrompts(s, List.copyOf(prompts.getOrDefault(s.id(), List.of()))));
            }
            return List.copyOf(out.values());
        });
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0) {
            throw new dev.engram.base.InvalidInputException("offset", "offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new dev.engram.base.InvalidInputException("limit", "limit must be between 1 and " + MAX_PAGE + ", was " + limit);
        }
    }
}
