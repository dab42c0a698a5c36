package dev.engram.cli;

import dev.engram.autosync.AutosyncListener;
import dev.engram.autosync.CycleReport;
import dev.engram.autosync.SyncStatus;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * What the front doors need from replication, provided by the composition root: they show status
 * and ask for a pass, and never touch the transport themselves.
 */
public interface Replication {
    /** One pass now through the same engine and events as autosync. */
    CycleReport syncOnce(Path dataDir, SqliteMemoryStore store, SyncRequest request, SyncProgress progress);

    /**
     * Starts autosync for a long-lived process ({@code serve}, {@code mcp}) when it is enabled for this
     * data directory: the manager, and the long-poll watcher that wakes it, with its meters on {@code metrics}. Closing the handle stops
     * both (bounded) and releases the lease. When autosync is off the handle does nothing.
     */
    AutoCloseable startAutosync(Path dataDir, SqliteMemoryStore store, MeterRegistry metrics);

    /** As {@link #startAutosync(Path, SqliteMemoryStore, MeterRegistry)}, with {@code extra} hearing every event too (the web UI's sync history). */
    default AutoCloseable startAutosync(Path dataDir, SqliteMemoryStore store, MeterRegistry metrics, AutosyncListener extra) {
        return startAutosync(dataDir, store, metrics);
    }

    /**
     * The status record of contract 6 as persisted in {@code store} by whichever process ran the last pass,
     * the same from every process; this process's configuration is used only when no pass was ever recorded.
     */
    SyncStatus status(Path dataDir, SqliteMemoryStore store);
}
