package dev.engram.memory;

/**
 * What a caller asks to save. Only {@code title}, {@code content} and {@code project} are required;
 * the store validates, normalizes and redacts. A null {@code sessionId} files the observation under
 * the project's {@code manual-<project>} session; a null {@code type} means {@code manual}.
 */
public record NewObservation(
        String sessionId,
        String type,
        String title,
        String content,
        String toolName,
        String project,
        String scope,
        String topicKey) {

    public static NewObservation of(String project, String title, String content) {
        return new NewObservation(null, null, title, content, null, project, null, null);
    }
}
