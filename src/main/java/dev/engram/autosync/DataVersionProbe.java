package dev.engram.autosync;

import dev.engram.memory.SqliteMemoryStore;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Notices writes by other processes to the same database file: SQLite's {@code PRAGMA data_version}
 * changes when another connection commits, and costs one cheap statement to read. Used by the owner
 * thread only.
 */
final class DataVersionProbe {
    private final SqliteMemoryStore store;
    private long last = -1;

    DataVersionProbe(SqliteMemoryStore store) {
        this.store = store;
    }

    /** True when another connection committed since the previous call (false on the first). */
    boolean changed() {
        long now = store.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
        boolean changed = last >= 0 && now != last;
        last = now;
        return changed;
    }
}
