package dev.engram.sync;

import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import java.time.Instant;
import java.util.List;

/**
 * The replication facts stored in the local database, read in one go: what is waiting to be pushed,
 * where the pull cursor stands, who holds the lease, how many mutations were set aside, and which
 * projects are enrolled. Any process can read it, including one that does not hold the lease.
 *
 * @param oldestPending   creation time of the oldest pending journal row, or null
 * @param serverLatestSeq the newest seq the server reported at the last pull, or null
 * @param lease           the stored lease holder (possibly expired), or null
 * @param deadCount       pulled mutations set aside
 * @param outboundDeadCount local writes the server refused, set aside
 */
public record LocalSyncState(long pendingCount, Instant oldestPending, long lastPulledSeq, Long serverLatestSeq,
        Lease.Holder lease, long deadCount, long outboundDeadCount, List<String> enrolledProjects) {

    public LocalSyncState {
        enrolledProjects = List.copyOf(enrolledProjects);
    }

    public static LocalSyncState read(SqliteMemoryStore store) {
        return store.read(c -> {
            Journal.Backlog backlog = Journal.backlog(c);
            Cursor.Position cursor = Cursor.read(c);
            List<String> enrolled = Sql.list(c, "SELECT project FROM enrolled_projects ORDER BY project", rs -> rs.getString(1));
            return new LocalSyncState(backlog.count(), backlog.oldest(), cursor.lastPulledSeq(), cursor.serverLatestSeq(),
                    Lease.holder(c), DeadLetters.count(c), OutboundDeadLetters.count(c), enrolled);
        });
    }
}
