package dev.engram.sync;

/** Receives the events of a pass on the syncing thread. Must not throw; keep it cheap. */
@FunctionalInterface
public interface SyncListener {
    SyncListener NONE = event -> { };

    void on(SyncEvent event);
}
