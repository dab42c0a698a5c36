package dev.engram.cloud;

import dev.engram.logging.ComponentLogger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database to the current schema: {@code cloud_schema_version} records applied scripts;
 * each missing script runs in one transaction under the migration lock, so several instances
 * starting together on one PostgreSQL migrate once. Scripts live in {@code db/cloud/<dialect>/}.
 */
final class Migrations {
    /** Every script in order; version N is the N-th. Append, never edit a released one. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__trust.sql");

    private static final ComponentLogger log = ComponentLogger.of("cloud");

    private Migrations() {
    }

    static void apply(Connection c, Dialect dialect, long nowMillis) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            dialect.lockForWrite(c, Dialect.MIGRATION_LOCK_KEY);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS cloud_schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            }
            int current = currentVersion(c);
            for (int v = current + 1; v <= SCRIPTS.size(); v++) {
                runScript(c, dialect.migrationFolder() + SCRIPTS.get(v - 1));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cloud_schema_version (version, applied_at) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setLong(2, nowMillis);
                    ps.executeUpdate();
                }
                log.atInfo().setMessage("migration applied").addKeyValue("version", v).addKeyValue("store", dialect.kind).log();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM cloud_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void runScript(Connection c, String resource) throws SQLException {
        String sql;
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + resource + " is missing from the classpath");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Statement st = c.createStatement()) {
            for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
                String body = statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
                if (!body.isEmpty()) {
                    st.execute(body);
                }
            }
        }
    }
}
