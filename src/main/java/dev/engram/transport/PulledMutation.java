package dev.engram.transport;

import java.time.Instant;

/**
 * One mutation from a pull page (contract 8.2), as the server sent it. Fields other than {@code seq}
 * may be null or malformed: the sync engine decides whether it can apply it, and sets it aside if not.
 * {@code occurredAt} is null when the server sent none or an unreadable one.
 */
public record PulledMutation(long seq, String mutationId, String project, String entity, String entityKey, String op,
        String payloadJson, Instant occurredAt) {
}
