package dev.engram.memory;

/** What applying a replicated or imported record did. */
public enum ApplyOutcome {
    /** The record was newer than what this replica had, and is now stored. */
    APPLIED,
    /** This replica already had the same or a newer version of the entity; nothing changed. */
    STALE
}
