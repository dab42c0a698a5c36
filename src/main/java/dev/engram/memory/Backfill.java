package dev.engram.memory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes a project's existing data into the journal when it is enrolled, each entity with its current version. */
final class Backfill {
    private Backfill() {
    }

    @FunctionalInterface
    interface JournalSink {
        void append(Connection c, String project, String entity, String key, String op, String payload, String version)
                throws SQLException;
    }

    static int project(Connection c, String project, JournalSink sink) throws SQLException {
        int rows = 0;
        record Versioned<T>(T value, String version) {
        }
        List<Versioned<Session>> sessions = Sql.list(c, "SELECT " + Rows.SESSION_COLUMNS + ", s.version FROM sessions s WHERE s.project = ? "
                + "ORDER BY s.started_at", rs -> new Versioned<>(Rows.session(rs), rs.getString(7)), project);
        for (Versioned<Session> s : sessions) {
            sink.append(c, project, "session", s.value().id(), "upsert", Wire.session(s.value(), s.version()), s.version());
            rows++;
        }
        List<Versioned<Observation>> observations = Sql.list(c, "SELECT " + Rows.OBSERVATION_COLUMNS + ", o.version FROM observations o "
                + "WHERE o.project = ? ORDER BY o.id", rs -> new Versioned<>(Rows.observation(rs), rs.getString(16)), project);
        for (Versioned<Observation> o : observations) {
            // A soft-deleted observation travels as an upsert that carries its deleted_at.
            Observation obs = o.value();
            sink.append(c, project, "observation", obs.syncId(), "upsert", Wire.observation(obs, o.version()), o.version());
            rows++;
        }
        List<Versioned<Prompt>> prompts = Sql.list(c, "SELECT " + Rows.PROMPT_COLUMNS + ", p.version FROM prompts p WHERE p.project = ? "
                + "ORDER BY p.id", rs -> new Versioned<>(Rows.prompt(rs), rs.getString(7)), project);
        for (Versioned<Prompt> p : prompts) {
            sink.append(c, project, "prompt", p.value().syncId(), "upsert", Wire.prompt(p.value(), p.version()), p.version());
            rows++;
        }
        return rows;
    }
}
