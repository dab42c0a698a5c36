package dev.engram.memory;

import java.time.Instant;

/** One project's counts for {@code engram projects}: live and deleted observations, sessions, prompts, and its last activity. */
public record ProjectCount(String project, long observations, long deletedObservations, long sessions, long prompts, Instant lastActivity) {
}
