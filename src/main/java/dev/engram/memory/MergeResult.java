package dev.engram.memory;

/**
 * What {@code engram projects merge FROM INTO} did: observations, sessions and prompts copied into INTO
 * (each a new entity), copies that were already there (the same merge ran on another machine and was
 * pulled), deleted observations of FROM dropped, and whether INTO was enrolled because FROM was.
 */
public record MergeResult(String from, String into, int observations, int sessions, int prompts, int alreadyPresent,
                          int deletedDropped, boolean enrolledInto) {
}
