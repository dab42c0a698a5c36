package dev.engram.memory;

/** What a save did: created a new observation, revised one with the same topic key, or folded a duplicate. */
public sealed interface SaveResult {
    Observation observation();

    /** A new observation was stored. */
    record Created(Observation observation) implements SaveResult {
    }

    /** An observation with the same (project, scope, topic_key) was revised; {@code revisionCount} went up. */
    record Revised(Observation observation) implements SaveResult {
    }

    /** The same observation was saved within the duplicate window; its {@code duplicateCount} went up. */
    record Duplicate(Observation observation) implements SaveResult {
    }
}
