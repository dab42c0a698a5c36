package dev.engram.memory;

import java.time.Instant;

/** A prompt a user gave an agent, kept for context. */
public record Prompt(long id, String syncId, String sessionId, String content, String project, Instant createdAt) {
}
