package dev.engram.cloud;

import java.util.List;
import java.util.stream.Collectors;

/** Builds push bodies for tests. */
final class Mutations {
    private Mutations() {
    }

    /** A valid observation upsert whose payload agrees with its envelope (key {@code obs-<id without punctuation>}). */
    static String entry(String mutationId, String project) {
        String key = "obs-" + mutationId.replaceAll("\\W", "");
        return entry(mutationId, project, "observation", key, "upsert", observation(key, project, "c"));
    }

    /** An observation payload with extra fields and odd number forms (they must come back verbatim). */
    static String observation(String key, String project, String content) {
        return "{\"sync_id\":\"" + key + "\",\"session_id\":\"s-1\",\"project\":\"" + project + "\",\"title\":\"t\",\"content\":\"" + content
                + "\",\"created_at\":\"2026-01-02T06:00:00.123Z\",\"version\":\"0192f3a4b5c6.0000.r-1\",\"n\":1.50,\"nested\":{\"a\":[1,null,true]}}";
    }

    static String entry(String mutationId, String project, String entity, String entityKey, String op, String payloadJson) {
        return "{\"mutation_id\":\"" + mutationId + "\",\"project\":\"" + project + "\",\"entity\":\"" + entity
                + "\",\"entity_key\":\"" + entityKey + "\",\"op\":\"" + op + "\",\"payload\":" + payloadJson + "}";
    }

    static String body(String... entries) {
        return body(List.of(entries));
    }

    static String body(List<String> entries) {
        return "{\"entries\":[" + entries.stream().collect(Collectors.joining(",")) + "]}";
    }
}
