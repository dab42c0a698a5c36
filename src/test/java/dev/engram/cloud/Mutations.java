package dev.engram.cloud;

import java.util.List;
import java.util.stream.Collectors;

/** Builds push bodies for tests. */
final class Mutations {
    private Mutations() {
    }

    static String entry(String mutationId, String project) {
        return entry(mutationId, project, "observation", "obs-" + mutationId.replaceAll("\\W", ""), "upsert",
                "{\"sync_id\":\"obs-1\",\"title\":\"t\",\"content\":\"c\",\"version\":\"0001-r1\",\"n\":1.50,\"nested\":{\"a\":[1,null,true]}}");
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
