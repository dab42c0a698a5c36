package dev.engram.memory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Maps result rows to records; the column lists here are the single place the SELECTs name them. */
final class Rows {
    /** The columns {@link #observation} reads, in its order. */
    static final String OBSERVATION_COLUMNS = "o.id, o.sync_id, o.session_id, o.type, o.title, o.content, o.tool_name, "
            + "o.project, o.scope, o.topic_key, o.revision_count, o.duplicate_count, o.created_at, o.updated_at, o.deleted_at";
    /**
     * The columns {@link #candidate} reads: what the context needs, with the first
     * {@value ContextBudget#CONTENT_PREFIX_CHARS} characters of the content, then the content's whole length.
     */
    static final String CANDIDATE_COLUMNS = "o.id, o.type, o.title, substr(o.content, 1, " + ContextBudget.CONTENT_PREFIX_CHARS
            + "), o.revision_count, o.duplicate_count, o.updated_at, length(o.content)";
    static final String SESSION_COLUMNS = "s.id, s.project, s.directory, s.started_at, s.ended_at, s.summary";
    static final String PROMPT_COLUMNS = "p.id, p.sync_id, p.session_id, p.content, p.project, p.created_at";

    private Rows() {
    }

    static Observation observation(ResultSet rs) throws SQLException {
        return new Observation(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), Scope.parse("scope", rs.getString(9)), rs.getString(10),
                rs.getInt(11), rs.getInt(12), instant(rs, 13), instant(rs, 14), instant(rs, 15));
    }

    /** A context candidate from {@link #CANDIDATE_COLUMNS} (its content possibly a prefix: see column 8). */
    static ContextBudget.Candidate candidate(ResultSet rs) throws SQLException {
        return new ContextBudget.Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                Instant.ofEpochMilli(rs.getLong(7)));
    }

    static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5), rs.getString(6));
    }

    static Prompt prompt(ResultSet rs) throws SQLException {
        return new Prompt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Object ms = rs.getObject(column);
        return ms == null ? null : Instant.ofEpochMilli(((Number) ms).longValue());
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
