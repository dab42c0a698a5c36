package dev.engram.cloud;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** What differs between the two databases; the SQL itself is shared ({@link CloudSql}). */
enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    /** Advisory lock key that serializes seq assignment across every server instance ("engram" in ASCII). */
    static final long APPEND_LOCK_KEY = 0x656e6772616dL;
    /** Advisory lock key held while migrating. */
    static final long MIGRATION_LOCK_KEY = APPEND_LOCK_KEY + 1;
    /** NOTIFY channel on which a commit announces its newest seq. */
    static final String CHANNEL = "engram_cloud_mutations";

    final String kind;

    Dialect(String kind) {
        this.kind = kind;
    }

    /**
     * Called first in a write transaction. PostgreSQL: take the transaction-scoped advisory lock, so
     * seq assignment and commit happen one transaction at a time across all instances; the lock is
     * released only after the commit is visible, hence seqs become visible in increasing order.
     * SQLite: the write transaction already began with {@code BEGIN IMMEDIATE} (single writer).
     */
    void lockForWrite(Connection c, long key) throws SQLException {
        if (this == POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
        }
    }

    /** Called last in a write transaction that stored mutations: PostgreSQL notifies listeners at commit. */
    void announce(Connection c, long latestSeq) throws SQLException {
        if (this == POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                ps.setString(1, Long.toString(latestSeq));
                ps.execute();
            }
        }
    }

    /** Starts a read-only transaction that sees one snapshot for all its statements. */
    void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        if (this == POSTGRESQL) {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
        }
    }

    /** Classpath folder of this dialect's migration scripts. */
    String migrationFolder() {
        return "/db/cloud/" + kind + "/";
    }
}
