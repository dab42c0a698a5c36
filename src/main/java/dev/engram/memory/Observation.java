package dev.engram.memory;

import java.time.Instant;

/**
 * One saved memory. {@code id} is local to this database (for people); {@code syncId} is the same on
 * every replica. {@code duplicateCount} counts identical saves folded into this one (local only).
 */
public record Observation(
        long id,
        String syncId,
        String sessionId,
        String type,
        String title,
        String content,
        String toolName,
        String project,
        Scope scope,
        String topicKey,
        int revisionCount,
        int duplicateCount,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
