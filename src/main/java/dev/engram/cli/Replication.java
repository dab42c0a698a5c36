package dev.engram.cli;

import dev.engram.autosync.CycleReport;
import dev.engram.autosync.SyncStatus;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import java.nio.file.Path;

/**
 * What the front doors need from replication, provided by the composition root: they show status
 * and ask for a pass, and never touch the transport themselves.
 */
public interface Replication {
    /** One pass now through the same engine and events as autosync. */
    CycleReport syncOnce(Path dataDir, SqliteMemoryStore store, SyncRequest request, SyncProgress progress);

    /** The status record of contract 6 as persisted in {@code store}, for this machine's configuration. */
    SyncStatus status(Path dataDir, SqliteMemoryStore store);
}
