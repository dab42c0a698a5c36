package dev.engram.sync;

/**
 * Progress of a long pass, for a progress bar on stderr. Called on the syncing thread after each batch
 * or page; keep it cheap. {@code total} is an estimate that may grow during a pull.
 */
@FunctionalInterface
public interface SyncProgress {
    SyncProgress NONE = (stage, done, total) -> { };

    void update(SyncStage stage, long done, long total);
}
